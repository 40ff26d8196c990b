package edgebox.dns.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class NetworksTest {

    @Test
    void blocksAreMaskedAndBlankEntriesSkipped() {
        assertEquals("10.0.0.0/8,fd00::/8,192.0.2.7/32",
                Networks.text(Networks.parse("f", List.of(" 10.1.2.3/8", "", "fd00::1/8", "192.0.2.7 "))));
        assertEquals("", Networks.text(Networks.parse("f", List.of())));
    }

    @Test
    void aBadEntryNamesTheFieldAndTheIndex() {
        assertEquals("edgebox.dns: recursionNetworks[1]: \"10.0.0.0/33\": the prefix length must be 0 to 32",
                assertThrows(IllegalArgumentException.class, () -> Networks.parse("edgebox.dns: recursionNetworks",
                        List.of("127.0.0.0/8", "10.0.0.0/33"))).getMessage());
        assertEquals("c: clients[0]: \"lan.example\" is not an IP address",
                assertThrows(IllegalArgumentException.class,
                        () -> Networks.parse("c: clients", List.of("lan.example"))).getMessage());
    }

    @Test
    void addressesAreLiteralsOnly() throws Exception {
        assertEquals(InetAddress.getByName("::1"), Networks.address("a", " ::1 "));
        assertEquals("edgebox.dns: address: \"localhost\" is not an IP address",
                assertThrows(IllegalArgumentException.class,
                        () -> Networks.address("edgebox.dns: address", "localhost")).getMessage());
    }
}
