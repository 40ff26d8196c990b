package edgebox.lb.console;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import edgebox.api.net.Cidr;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.Plans;
import edgebox.lb.plan.VipKey;

/** How {@code lb:flows} and {@code lb:maglev} read the virtual services they are given. */
class LbCommandsKeysTest {

    private static final LbPlan PLAN = Plans.compile(
            service("web", "10.0.0.1", "", "{name: http, port: 80}", "{name: https, port: 443}")
                    + slice("web-1", "web", "IPv4", "", "{name: http, port: 80}, {name: https, port: 443}",
                            ready("10.1.0.1"))
                    + service("dns", "10.0.0.2", "", "{name: dns, port: 53, protocol: UDP}",
                            "{name: dns-tcp, port: 53, protocol: TCP}")
                    + slice("dns-1", "dns", "IPv4", "",
                            "{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}",
                            ready("10.1.0.2"))
                    + service("web6", "2001:db8::1", "", "{name: http, port: 80}")
                    + slice("web6-1", "web6", "IPv6", "", "{name: http, port: 80}", ready("2001:db8:1::1")));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("10.0.0.1", List.of("10.0.0.1:80/TCP", "10.0.0.1:443/TCP")),
                Arguments.of(" 10.0.0.1:443 ", List.of("10.0.0.1:443/TCP")),
                Arguments.of("10.0.0.2:53", List.of("10.0.0.2:53/UDP", "10.0.0.2:53/TCP")),
                Arguments.of("10.0.0.2:53/udp", List.of("10.0.0.2:53/UDP")),
                Arguments.of("10.0.0.2:53/TCP", List.of("10.0.0.2:53/TCP")),
                Arguments.of("10.0.0.2/tcp", List.of("10.0.0.2:53/TCP")),
                Arguments.of("10.0.0.1:8080", List.of()),
                Arguments.of("10.0.0.9", List.of()),
                Arguments.of("2001:db8::1", List.of("[2001:db8::1]:80/TCP")),
                Arguments.of("[2001:db8::1]", List.of("[2001:db8::1]:80/TCP")),
                Arguments.of("[2001:db8::1]:80", List.of("[2001:db8::1]:80/TCP")),
                Arguments.of("[2001:db8::1]:80/tcp", List.of("[2001:db8::1]:80/TCP")),
                Arguments.of("[2001:db8::1]:80/udp", List.of()),
                Arguments.of("2001:db8:0:0:0:0:0:1", List.of("[2001:db8::1]:80/TCP")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void keys(String text, List<String> expected) {
        assertEquals(expected, LbCommands.keys(PLAN, text).stream().map(LbCommandsKeysTest::text).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"web.shop", "10.0.0.1:http", "10.0.0.1:", "[2001:db8::1]:", "10.0.0.300", ""})
    void whatIsNoServiceKeyIsRefusedWithTheFormsThatAre(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LbCommands.keys(PLAN, text));
        assertEquals("\"" + text + "\" is not VIP, VIP:PORT or VIP:PORT/PROTO (10.0.0.1:443/tcp, [2001:db8::1]:443)",
                e.getMessage());
    }

    private static String text(VipKey k) {
        String host = Cidr.text(k.address());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + k.port() + "/" + k.protocol();
    }
}
