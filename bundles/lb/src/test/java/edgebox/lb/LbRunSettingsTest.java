package edgebox.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import edgebox.api.config.TypedConfig;

/** {@code edgebox.lb} read as the component reads it: the defaults, lists and routers, and a refusal per field. */
class LbRunSettingsTest {

    static LbRunSettings read(Map<String, ?> properties) {
        return LbRunSettings.of(TypedConfig.of(LbConfig.class, properties));
    }

    @Test
    void theDefaultsLeaveTheDataPathOff() {
        LbRunSettings s = read(Map.of());
        assertEquals(List.of(), s.interfaces());
        assertEquals("tpacket", s.packetPath());
        assertEquals(65537, s.plan().tableSize());
        assertEquals(262144, s.engine().connectionCapacity());
        assertNull(s.engine().router4());
        assertNull(s.engine().router6());
        assertEquals(Duration.ofSeconds(5), s.health().interval());
        assertEquals(Duration.ofSeconds(2), s.health().timeout());
        assertEquals(2, s.health().rise());
        assertEquals(3, s.health().fall());
        assertTrue(s.hostIntegration());
    }

    @Test
    void interfacesAreSplitAtCommasTrimmedAndListedOnce() {
        assertEquals(List.of("eth0", "eth1", "eth2"),
                read(Map.of("interfaces", new String[] {"eth0, eth1", "eth1", " eth2 ", ""})).interfaces());
        assertEquals(List.of("eth0", "vlan.10"), read(Map.of("interfaces", "eth0,vlan.10")).interfaces());
        assertEquals(List.of(), read(Map.of("interfaces", " , ")).interfaces());
    }

    @Test
    void routersAreReadPerFamily() throws Exception {
        LbRunSettings s = read(Map.of("router4", " 10.0.0.1 ", "router6", "2001:db8::1", "tableSize", 16381,
                "seed", 7L, "packetPath", "pcap", "healthInterval", "500ms", "healthTimeout", "200ms",
                "hostIntegration", false));
        assertEquals(InetAddress.getByName("10.0.0.1"), s.engine().router4());
        assertEquals(InetAddress.getByName("2001:db8::1"), s.engine().router6());
        assertEquals(16381, s.plan().tableSize());
        assertEquals(7, s.plan().seed());
        assertEquals("pcap", s.packetPath());
        assertEquals(Duration.ofMillis(500), s.health().interval());
        assertEquals(Duration.ofMillis(200), s.health().timeout());
        assertFalse(s.hostIntegration());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Map.of("interfaces", "eth0,eth 1"), "interfaces: \"eth 1\" is not an interface name"),
                Arguments.of(Map.of("interfaces", "a-name-longer-than-15"),
                        "interfaces: \"a-name-longer-than-15\" is not an interface name"),
                Arguments.of(Map.of("packetPath", "xdp"), "packetPath: \"xdp\" is not one of [tpacket, pcap]"),
                Arguments.of(Map.of("tableSize", 1000),
                        "tableSize: must be one of 16381, 65537, 131071, was 1000"),
                Arguments.of(Map.of("tableSize", "many"), "tableSize: \"many\" is not a whole number"),
                Arguments.of(Map.of("connectionTableSize", 0), "connectionTableSize: must be 1..16777216, was 0"),
                Arguments.of(Map.of("router4", "10.0.0.0/24"), "router4: \"10.0.0.0/24\" is a prefix, not an address"),
                Arguments.of(Map.of("router4", "router.lan"), "router4: \"router.lan\" is not an IP address"),
                Arguments.of(Map.of("batch", "0"), "batch: must be 1..4096, not 0"),
                Arguments.of(Map.of("bufferMegabytes", "0"), "bufferMegabytes: must be 1..1024, was 0"),
                Arguments.of(Map.of("router4", "2001:db8::1"), "router4: 2001:db8::1 is not an IPv4 address"),
                Arguments.of(Map.of("router6", "10.0.0.1"), "router6: 10.0.0.1 is not an IPv6 address"),
                Arguments.of(Map.of("healthInterval", "soon"),
                        "healthInterval: \"soon\" is not a duration such as 5s or 500ms"),
                Arguments.of(Map.of("healthInterval", "10ms"), "healthInterval: must be from 100ms to 1h"),
                Arguments.of(Map.of("healthTimeout", "5s"),
                        "healthTimeout: the timeout 5s must be shorter than the interval 5s"),
                Arguments.of(Map.of("healthyThreshold", 0), "healthyThreshold: must be from 1 to 100"),
                Arguments.of(Map.of("unhealthyThreshold", 101), "unhealthyThreshold: must be from 1 to 100"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void eachRefusalNamesItsField(Map<String, ?> properties, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> read(properties)).getMessage());
    }
}
