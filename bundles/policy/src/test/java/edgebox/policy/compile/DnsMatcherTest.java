package edgebox.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import edgebox.policy.model.DnsRule;

/** Names each rule matches and names it does not, as Cilium's documentation and matchpattern tests read them. */
class DnsMatcherTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(DnsRule.name("cilium.io."), List.of("cilium.io."),
                        List.of("sub.cilium.io.", "cilium.io", "xcilium.io.", ".")),
                Arguments.of(DnsRule.pattern("cilium.io."), List.of("cilium.io."),
                        List.of("ciliumxio.", "sub.cilium.io.")),
                Arguments.of(DnsRule.pattern("*.cilium.io."),
                        List.of("www.cilium.io.", "blog.cilium.io.", "_x.cilium.io."),
                        List.of("cilium.io.", "a.b.cilium.io.", "google.com.", "www.cilium.io")),
                Arguments.of(DnsRule.pattern("*cilium.io."), List.of("cilium.io.", "subcilium.io.", "sub-cilium.io."),
                        List.of("www.cilium.io.", "blog.cilium.io.")),
                Arguments.of(DnsRule.pattern("sub*.cilium.io."), List.of("sub.cilium.io.", "subdomain.cilium.io."),
                        List.of("www.cilium.io.", "cilium.io.", "google.com.")),
                Arguments.of(DnsRule.pattern("*.ci*.io."),
                        List.of("anysub.cilium.io.", "anysub.ci.io.", "anysub.ciliumandmore.io."),
                        List.of("cilium.io.", "a.b.cilium.io.")),
                Arguments.of(DnsRule.pattern("*.*.cilium.io."), List.of("_foobar._tcp.cilium.io."),
                        List.of("a.cilium.io.", "a.b.c.cilium.io.")),
                Arguments.of(DnsRule.pattern("**.cilium.io."), List.of("app.cilium.io.", "test.app.cilium.io."),
                        List.of("cilium.io.", "xcilium.io.")),
                Arguments.of(DnsRule.pattern("*"),
                        List.of(".", "io.", "cilium.io.", "service.namespace.svc.cluster.local.",
                                "_foobar._tcp.cilium.io."),
                        List.of("", ".io.", "cilium.io", "a..b.")));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void matchesItsNamesOnly(DnsRule rule, List<String> accepted, List<String> refused) {
        DnsMatcher m = DnsMatcher.of(rule);
        assertEquals(accepted, accepted.stream().filter(m::matches).toList(), "accepted by " + rule);
        assertEquals(List.of(), refused.stream().filter(m::matches).toList(), "refused by " + rule);
    }
}
