package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

import edgebox.dns.PeerTools;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.answer.Upstream;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/**
 * Issue 13's findings asked the way they were found, with dig against the box on loopback, the client allowed
 * recursion and a forwarder that answers NXDOMAIN to everything. Two OPT records cannot be sent with dig; that case
 * is in KnotDifferentialTest and ResponderTest.
 */
class DigIssueFindingsTest {

    static TestNet net;
    static DnsServer box;

    @BeforeAll
    static void start() {
        Zones zones = new Zones(List.of(ZoneParser.parse("example", "file", "example.test.", String.join("\n",
                "www A 192.0.2.1", "out CNAME target.elsewhere.invalid.", "a.b.c.ent A 192.0.2.7",
                "sub NS ns.sub", "ns.sub A 192.0.2.54", ""))));
        Upstream nxdomain = q -> {
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.getHeader().setRcode(Rcode.NXDOMAIN);
            r.addRecord(q.getQuestion(), Section.QUESTION);
            return CompletableFuture.completedFuture(r);
        };
        Chain chain = new Chain(List.of(zones), Networks.parse("r", List.of("127.0.0.0/8")), nxdomain, 1);
        QueryObserver quiet = new QueryObserver() {
            @Override
            public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
            }

            @Override
            public void dropped(String reason) {
            }
        };
        net = new TestNet();
        box = DnsServer.bind(net, net, "127.0.0.1", 0, new QueryProcessor(new Responder(() -> chain, 1232,
                QueryPolicy.NONE), new RateLimiter(0, 0, a -> true), quiet, 1232), 1, 1232);
    }

    @AfterAll
    static void stop() {
        box.close();
        net.close();
    }

    static String dig(String... args) throws Exception {
        PeerTools.require("dig", "bind9-dnsutils");
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", "" + box.udpAddress().getPort(),
                "+tries=1", "+time=3"));
        cmd.addAll(List.of(args));
        return DnsServerTest.run(cmd.toArray(String[]::new));
    }

    @Test
    void cnameOutOfTheZonesIsNoerrorWithAa() throws Exception {
        String out = dig("out.example.test", "A");
        assertTrue(out.contains("status: NOERROR") && out.contains("flags: qr aa"), out);
        assertTrue(out.contains("CNAME\ttarget.elsewhere.invalid."), out);
    }

    @Test
    void referralCarriesItsGlue() throws Exception {
        String out = dig("+norec", "www.sub.example.test", "A");
        assertTrue(out.contains("ADDITIONAL SECTION:") && out.contains("ns.sub.example.test.\t3600\tIN\tA\t192.0.2.54"),
                out);
    }

    @Test
    void anyAtAnEmptyNonTerminalIsNodata() throws Exception {
        String out = dig("c.ent.example.test", "ANY");
        assertTrue(out.contains("status: NOERROR") && out.contains("ANSWER: 0, AUTHORITY: 1"), out);
    }

    @Test
    void notimpToAnEdnsQueryCarriesOpt() throws Exception {
        String out = dig("+opcode=3", "+edns=0", "www.example.test", "A");
        assertTrue(out.contains("status: NOTIMP") && out.contains("OPT PSEUDOSECTION"), out);
    }
}
