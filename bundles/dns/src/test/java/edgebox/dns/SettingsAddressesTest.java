package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.TypedConfig;

class SettingsAddressesTest {

    private static Settings settings(Map<String, Object> properties) {
        return Settings.from(TypedConfig.of(DnsConfig.class, properties), List.of());
    }

    @Test
    void theListTheOldSingleKeyOrLoopback() {
        assertEquals(List.of("172.16.1.60", "172.16.1.11"),
                settings(Map.of("addresses", new String[] {"172.16.1.60", "172.16.1.11"})).addresses());
        assertEquals(List.of("172.16.1.60", "172.16.1.11"),
                settings(Map.of("addresses", "172.16.1.60, 172.16.1.11")).addresses());
        assertEquals(List.of("172.16.1.60"), settings(Map.of("address", "172.16.1.60")).addresses());
        assertEquals(List.of("127.0.0.1"), settings(Map.of()).addresses());
        assertEquals(List.of("::1", "127.0.0.1"), settings(Map.of("address", "127.0.0.1",
                "addresses", new String[] {"::1", "127.0.0.1"})).addresses());
    }

    @Test
    void aBadListIsRefusedNamingTheEntry() {
        assertEquals("edgebox.dns: addresses[1]: 127.0.0.1 is listed twice", assertThrows(
                IllegalArgumentException.class, () -> settings(Map.of("addresses",
                        new String[] {"127.0.0.1", "127.0.0.1"}))).getMessage());
        assertEquals("edgebox.dns: addresses[1]: \"dns.lan\" is not an IP address", assertThrows(
                IllegalArgumentException.class, () -> settings(Map.of("addresses",
                        new String[] {"127.0.0.1", "dns.lan"}))).getMessage());
        assertEquals("edgebox.dns: address: 172.16.1.11 is not among addresses [172.16.1.60]; the single address is "
                + "the older form: list it in addresses or remove it", assertThrows(IllegalArgumentException.class,
                        () -> settings(Map.of("address", "172.16.1.11", "addresses", "172.16.1.60"))).getMessage());
    }
}
