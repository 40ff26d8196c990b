package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import edgebox.api.config.TypedConfig;
import edgebox.api.policy.Decision;
import edgebox.api.policy.Verdict;
import edgebox.dns.server.TestNet;
import edgebox.dns.zone.ZoneParser;

/**
 * The component built by hand, its policy reference set and unset as SCR would: the decision point it is given
 * decides at once, and without one every query is answered again. Asked by dig on loopback.
 */
class DnsComponentPolicyTest {

    @Test
    void theDecisionPointGivenIsAskedUntilItIsTakenAway() throws Exception {
        PeerTools.require("dig", "bind9-dnsutils");
        RecordingMetrics metrics = new RecordingMetrics();
        SourceStore store = new SourceStore();
        store.putZone("zone~demo", ZoneParser.parse("zone~demo", "records", "demo.test.", "www IN A 192.0.2.1"));
        try (TestNet net = new TestNet()) {
            DnsComponent dns = new DnsComponent(TypedConfig.of(DnsConfig.class, Map.of("port", 0)), net, net,
                    metrics, store);
            try {
                String port = dns.listening().replaceAll(".*tcp /127\\.0\\.0\\.1:(\\d+).*", "$1");
                assertTrue(dig(port).contains("192.0.2.1"));
                TestDecisionPoint denying = new TestDecisionPoint((c, d, p, at) -> Decision.DENY, n -> Verdict.ALLOW);
                dns.setPolicy(denying);
                String refused = dig(port);
                assertTrue(refused.contains("status: REFUSED") && refused.contains("EDE: 18 (Prohibited)"), refused);
                assertEquals(1, metrics.count("edgebox_dns_queries_total{network-policy,REFUSED}"));
                dns.unsetPolicy(new TestDecisionPoint((c, d, p, at) -> Decision.DENY, n -> Verdict.ALLOW));
                assertTrue(dig(port).contains("status: REFUSED"), "another service's unbind leaves this one");
                dns.unsetPolicy(denying);
                assertTrue(dig(port).contains("192.0.2.1"));
                assertEquals(2, metrics.count("edgebox_dns_queries_total{network-policy,REFUSED}"));
                assertEquals(2, metrics.count("edgebox_dns_queries_total{zone,NOERROR}"));
            } finally {
                dns.deactivate();
            }
        }
    }

    private static String dig(String port) throws Exception {
        Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", port, "www.demo.test", "A").redirectErrorStream(true)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dig: no end within 10 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
