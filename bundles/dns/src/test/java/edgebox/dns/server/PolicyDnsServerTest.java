package edgebox.dns.server;

import static edgebox.dns.server.DnsServerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.dns.PeerTools;
import edgebox.dns.TestDecisionPoint;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/**
 * The network policy at the listeners, asked by dig and kdig on loopback with a test decision point: what a denied
 * client, an allowed one, and a client whose names L7 rules decide each see, and what the server asked.
 */
class PolicyDnsServerTest {

    static TestNet net;
    static DnsServer server;
    static int port;
    static final AtomicReference<PolicyDecisionPoint> decisionPoint = new AtomicReference<>();
    static final List<String> answered = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        PeerTools.require("dig", "bind9-dnsutils");
        PeerTools.require("kdig", "knot-dnsutils");
        Zones zones = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.",
                "www IN A 192.0.2.1\nshop IN A 192.0.2.2\n")));
        Chain chain = new Chain(List.of(zones), Networks.parse("r", List.of("127.0.0.0/8")), null, 1);
        QueryObserver observer = new QueryObserver() {
            @Override
            public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
                answered.add(proto + " " + outcome.source() + " " + org.xbill.DNS.Rcode.string(outcome.rcode())
                        + " " + outcome.reason());
            }

            @Override
            public void dropped(String reason) {
            }
        };
        Responder responder = new Responder(() -> chain, 1232, new QueryPolicy(decisionPoint::get));
        net = new TestNet();
        server = DnsServer.bind(net, net, "127.0.0.1", 0, new QueryProcessor(responder,
                new RateLimiter(0, 0, a -> true), observer, 1232), 2, 1232);
        port = server.udpAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
        net.close();
    }

    @BeforeEach
    void reset() {
        decisionPoint.set(null);
        answered.clear();
    }

    static String dig(String... args) throws Exception {
        return ask("dig", args);
    }

    static String kdig(String... args) throws Exception {
        return ask("kdig", args);
    }

    private static String ask(String tool, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = tool;
        cmd[1] = "@127.0.0.1";
        cmd[2] = "-p" + port;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return run(cmd);
    }

    @Test
    void withoutADecisionPointEveryQueryIsAnswered() throws Exception {
        String out = dig("+noedns", "www.demo.test", "A");
        assertTrue(out.contains("status: NOERROR") && out.contains("192.0.2.1"), out);
        assertEquals(1, answered.size());
        assertTrue(answered.get(0).startsWith("udp zone NOERROR "), answered.toString());
    }

    @Test
    void aDeniedClientGetsRefusedWithProhibitedWhenItSentEdns() throws Exception {
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> Decision.DENY, n -> {
            throw new AssertionError("a denied connection asks no names");
        });
        decisionPoint.set(pdp);
        String edns = kdig("+edns", "www.demo.test", "A");
        assertTrue(edns.contains("status: REFUSED") && edns.contains("EDE: 18 (Prohibited)"), edns);
        assertFalse(edns.contains("192.0.2.1"), edns);
        String plain = dig("+noedns", "www.demo.test", "A");
        assertTrue(plain.contains("status: REFUSED") && !plain.contains("EDE"), plain);
        String tcp = dig("+tcp", "www.demo.test", "A");
        assertTrue(tcp.contains("status: REFUSED") && tcp.contains("EDE: 18 (Prohibited)"), tcp);
        assertEquals(List.of("connection dns 127.0.0.1 -> 127.0.0.1 17/" + port,
                "connection dns 127.0.0.1 -> 127.0.0.1 17/" + port,
                "connection dns 127.0.0.1 -> 127.0.0.1 6/" + port), pdp.asked());
        String denied = "network-policy REFUSED network policy denies 127.0.0.1 the resolver at 127.0.0.1 port "
                + port;
        assertEquals(List.of("udp " + denied + "/UDP", "udp " + denied + "/UDP", "tcp " + denied + "/TCP"),
                answered);
    }

    @Test
    void anAllowedClientGetsItsAnswer() throws Exception {
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> Decision.ALLOW, n -> {
            throw new AssertionError("an allowed connection asks no names");
        });
        decisionPoint.set(pdp);
        String out = kdig("+edns", "www.demo.test", "A");
        assertTrue(out.contains("status: NOERROR") && out.contains("192.0.2.1") && !out.contains("EDE"), out);
        assertEquals(List.of("connection dns 127.0.0.1 -> 127.0.0.1 17/" + port), pdp.asked());
    }

    @Test
    void l7RulesDecideEachNameOverUdpAndTcp() throws Exception {
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> Decision.REQUESTS,
                n -> n.equals("www.demo.test.") ? Verdict.ALLOW
                        : Verdict.deny("policy default/resolver rule 0"));
        decisionPoint.set(pdp);
        String allowed = dig("WWW.Demo.Test", "A");
        assertTrue(allowed.contains("status: NOERROR") && allowed.contains("192.0.2.1"), allowed);
        String denied = kdig("+edns", "shop.demo.test", "A");
        assertTrue(denied.contains("status: REFUSED") && denied.contains("EDE: 18 (Prohibited)")
                && !denied.contains("192.0.2.2"), denied);
        String overTcp = kdig("+tcp", "www.demo.test", "A");
        assertTrue(overTcp.contains("status: NOERROR") && overTcp.contains("192.0.2.1"), overTcp);
        String at = "dns 127.0.0.1 -> 127.0.0.1 ";
        assertEquals(List.of("connection " + at + "17/" + port, "query " + at + "17/" + port + " www.demo.test.",
                "connection " + at + "17/" + port, "query " + at + "17/" + port + " shop.demo.test.",
                "connection " + at + "6/" + port, "query " + at + "6/" + port + " www.demo.test."), pdp.asked());
        assertEquals("udp network-policy REFUSED network policy denies the name: policy default/resolver rule 0",
                answered.get(1));
    }
}
