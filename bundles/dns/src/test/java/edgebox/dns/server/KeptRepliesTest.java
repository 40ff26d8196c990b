package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.api.policy.Decision;
import edgebox.dns.acme.AcmeChallenges;
import edgebox.dns.TestDecisionPoint;
import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.answer.Upstream;
import edgebox.dns.rewrite.RewriteRule;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * A question asked again is answered from the processor's memo with exactly the bytes the responder would build for
 * it (its ID, its letter case), for every kind of local answer, over UDP and TCP, with and without EDNS; and only
 * while that is true: a new chain, a client scope, the network policy and the forwarder's side all end it.
 */
class KeptRepliesTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    static final Arrival UDP = new Arrival(CLIENT, 53, false);
    static final Arrival TCP = new Arrival(CLIENT, 53, true);
    static final String ZONE = """
            @ IN SOA ns hostmaster 1 3600 600 86400 300
            @ IN NS ns
            ns IN A 192.0.2.53
            www IN A 192.0.2.1
            www IN AAAA 2001:db8::1
            alias IN CNAME www
            a.b.ent IN A 192.0.2.7
            @ IN MX 10 mail
            mail IN A 192.0.2.25
            sub IN NS ns.sub
            ns.sub IN A 192.0.2.54
            """;

    static Chain chain(long version, Upstream upstream) {
        Zones zones = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.", ZONE)));
        return new Chain(List.of(zones), Networks.parse("r", List.of("127.0.0.0/8")), upstream, version);
    }

    static QueryProcessor processor(AtomicReference<Chain> chain, QueryPolicy policy) {
        return new QueryProcessor(new Responder(chain::get, 1232, policy), new RateLimiter(0, 0, a -> true),
                QueryObserver.NONE, 1232);
    }

    static byte[] query(String name, int type, int id, boolean edns, boolean dnssecOk, boolean rd) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        m.getHeader().setID(id);
        if (!rd) {
            m.getHeader().unsetFlag(Flags.RD);
        }
        if (edns) {
            m.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        return m.toWire();
    }

    static byte[] bytes(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void aQuestionAskedAgainGetsTheBytesTheResponderWouldBuild() throws Exception {
        String[] names = {"www.demo.test.", "alias.demo.test.", "ent.demo.test.", "nope.demo.test.", "demo.test.",
                "x.sub.demo.test.", "b.ent.demo.test."};
        int[] types = {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.ANY, Type.NS};
        AtomicReference<Chain> chain = new AtomicReference<>(chain(1, null));
        QueryProcessor kept = processor(chain, QueryPolicy.NONE);
        int cases = 0;
        for (String name : names) {
            for (int type : types) {
                for (int variant = 0; variant < 6; variant++) {
                    boolean edns = variant % 3 != 0;
                    boolean dnssecOk = variant % 3 == 2;
                    boolean rd = variant < 3;
                    for (Arrival arrival : List.of(UDP, TCP)) {
                        kept.process(query(name, type, 1, edns, dnssecOk, rd), CLIENT, arrival).join();
                        String asked = mixedCase(name);
                        byte[] again = query(asked, type, 4242 + cases, edns, dnssecOk, rd);
                        ByteBuf hit = kept(kept, Unpooled.wrappedBuffer(again), CLIENT, arrival,
                                UnpooledByteBufAllocator.DEFAULT);
                        assertNotNull(hit, name + " " + Type.string(type) + " variant " + variant);
                        byte[] fresh = processor(chain, QueryPolicy.NONE).process(again, CLIENT, arrival).join();
                        assertArrayEquals(fresh, bytes(hit), asked + " " + Type.string(type) + " variant " + variant
                                + " " + (arrival.tcp() ? "tcp" : "udp"));
                        cases++;
                    }
                }
            }
        }
        assertEquals(names.length * types.length * 12, cases);
    }

    @Test
    void aRateLimitedKeptReplySlipsLikeAFreshOne() throws Exception {
        AtomicReference<Chain> chain = new AtomicReference<>(chain(1, null));
        InetAddress other = InetAddress.getByName("127.0.0.9");
        for (boolean edns : new boolean[] {false, true}) {
            QueryProcessor p = new QueryProcessor(new Responder(chain::get, 1232, QueryPolicy.NONE),
                    new RateLimiter(1, 1, a -> false), QueryObserver.NONE, 1232);
            byte[] q = query("www.demo.test.", Type.A, 11, edns, false, true);
            p.process(q, CLIENT, UDP).join();
            ByteBuf slipped = kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT);
            assertNotNull(slipped);
            QueryProcessor fresh = new QueryProcessor(new Responder(chain::get, 1232, QueryPolicy.NONE),
                    new RateLimiter(1, 1, a -> false), QueryObserver.NONE, 1232);
            fresh.process(q, other, UDP).join();
            byte[] expected = fresh.process(q, other, UDP).join();
            assertTrue((expected[2] & 0x02) != 0, "the fresh reply slipped (TC)");
            assertArrayEquals(expected, bytes(slipped), "edns " + edns);
        }
    }

    @Test
    void anAcmeChallengePublishedOrWithdrawnEndsTheKeptReplies() throws Exception {
        AcmeChallenges acme = new AcmeChallenges();
        Zones zones = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.", ZONE)));
        Chain c = new Chain(List.of(acme, zones), Networks.parse("r", List.of("127.0.0.0/8")), null, 1);
        QueryProcessor p = processor(new AtomicReference<>(c), QueryPolicy.NONE);
        byte[] q = query("_acme-challenge.demo.test.", Type.TXT, 21, false, false, true);
        assertEquals(org.xbill.DNS.Rcode.NXDOMAIN, new Message(p.process(q, CLIENT, UDP).join()).getRcode());
        assertNotNull(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT));
        for (String value : List.of("first", "second")) {
            acme.publish("_acme-challenge.demo.test.", value);
            assertNull(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT),
                    "a reply kept before the publish");
            Message m = new Message(bytes(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP,
                    UnpooledByteBufAllocator.DEFAULT)));
            assertTrue(m.getSection(Section.ANSWER).stream().anyMatch(r -> r.rdataToString().contains(value)),
                    m.toString());
            acme.withdraw("_acme-challenge.demo.test.", value);
        }
    }

    @Test
    void keptRepliesStayWithinTheirByteBudget() throws Exception {
        String big = "x".repeat(250);
        String zone = "@ IN SOA ns hostmaster 1 3600 600 86400 300\n* IN TXT \"" + big + "\" \"" + big + "\" \"" + big
                + "\" \"" + big + "\"\n";
        Chain c = new Chain(List.of(new Zones(List.of(ZoneParser.parse("z", "r", "demo.test.", zone)))),
                Networks.parse("r", List.of("127.0.0.0/8")), null, 1);
        QueryProcessor p = processor(new AtomicReference<>(c), QueryPolicy.NONE);
        int most = 0;
        for (int i = 0; i < 20_000; i++) {
            p.process(query("n" + i + ".demo.test.", Type.TXT, i, false, false, true), CLIENT, TCP).join();
            most = Math.max(most, p.kept());
        }
        assertTrue(most > 10_000 && most < 16_000, "about 16 MiB of 1 KiB replies at most: " + most);
        assertTrue(p.kept() < most, "the memo started over when full: " + p.kept());
    }

    @Test
    void aNewChainStartsOver() throws Exception {
        AtomicReference<Chain> chain = new AtomicReference<>(chain(1, null));
        QueryProcessor p = processor(chain, QueryPolicy.NONE);
        byte[] q = query("www.demo.test.", Type.A, 7, false, false, true);
        p.process(q, CLIENT, UDP).join();
        assertNotNull(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT));
        chain.set(chain(2, null));
        assertNull(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT));
        assertEquals(1, p.kept(), "only the new chain's reply");
    }

    @Test
    void unusualQueriesAndRefusedClientsGoToTheResponder() throws Exception {
        AtomicReference<Chain> chain = new AtomicReference<>(chain(1, null));
        QueryProcessor p = processor(chain, QueryPolicy.NONE);
        byte[] q = query("www.demo.test.", Type.A, 7, false, false, true);
        p.process(q, CLIENT, UDP).join();
        byte[] withTrailer = java.util.Arrays.copyOf(q, q.length + 1);
        assertNull(kept(p, Unpooled.wrappedBuffer(withTrailer), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT));
        InetAddress other = InetAddress.getByName("192.0.2.200");
        assertNull(kept(p, Unpooled.wrappedBuffer(q), other, UDP, UnpooledByteBufAllocator.DEFAULT),
                "a client without recursion has its own key");
    }

    @Test
    void thePolicyIsAskedOnceForEveryQueryAndAKeptReplyObeysIt() throws Exception {
        Decision[] verdict = {Decision.ALLOW};
        TestDecisionPoint pdp = new TestDecisionPoint((c, d, p, port) -> verdict[0], n -> {
            throw new AssertionError("no names asked");
        });
        QueryProcessor p = processor(new AtomicReference<>(chain(1, null)), new QueryPolicy(() -> pdp));
        byte[] q = query("www.demo.test.", Type.A, 7, true, false, true);
        p.process(q, CLIENT, UDP).join();
        assertNotNull(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT));
        verdict[0] = Decision.DENY;
        ByteBuf refused = p.process(Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT).join();
        assertEquals(org.xbill.DNS.Rcode.REFUSED, new Message(bytes(refused)).getRcode());
        assertEquals(3, pdp.asked().size(), pdp.asked().toString());
    }

    @Test
    void rulesScopedToClientsKeepAReplyPerClient() throws Exception {
        Rewrites rewrites = new Rewrites(List.of(
                RewriteRule.parse("near", "printer.lan", "10.0.0.9", true, List.of("127.0.0.1/32")),
                RewriteRule.parse("far", "printer.lan", "10.0.0.10", true, List.of("127.0.0.2/32"))), 10);
        Chain c = new Chain(List.of(rewrites), Networks.parse("r", List.of("127.0.0.0/8")), null, 1);
        QueryProcessor p = processor(new AtomicReference<>(c), QueryPolicy.NONE);
        byte[] q = query("printer.lan.", Type.A, 9, false, false, true);
        InetAddress second = InetAddress.getByName("127.0.0.2");
        p.process(q, CLIENT, UDP).join();
        assertNull(kept(p, Unpooled.wrappedBuffer(q), second, UDP, UnpooledByteBufAllocator.DEFAULT));
        p.process(q, second, UDP).join();
        Message near = new Message(bytes(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP,
                UnpooledByteBufAllocator.DEFAULT)));
        Message far = new Message(bytes(kept(p, Unpooled.wrappedBuffer(q), second, UDP,
                UnpooledByteBufAllocator.DEFAULT)));
        assertEquals("10.0.0.9", near.getSection(Section.ANSWER).get(0).rdataToString());
        assertEquals("10.0.0.10", far.getSection(Section.ANSWER).get(0).rdataToString());
    }

    @Test
    void aCnameChasedThroughTheForwarderIsNotKept() throws Exception {
        String zone = "@ IN SOA ns hostmaster 1 3600 600 86400 300\nout IN CNAME elsewhere.example.\n";
        Upstream upstream = m -> {
            Message r = new Message(m.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.addRecord(m.getQuestion(), Section.QUESTION);
            try {
                r.addRecord(Record.fromString(m.getQuestion().getName(), Type.A, DClass.IN, 300, "192.0.2.99",
                        Name.root), Section.ANSWER);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(r);
        };
        Chain c = new Chain(List.of(new Zones(List.of(ZoneParser.parse("z", "r", "demo.test.", zone)))),
                Networks.parse("r", List.of("127.0.0.0/8")), upstream, 1);
        QueryProcessor p = processor(new AtomicReference<>(c), QueryPolicy.NONE);
        byte[] q = query("out.demo.test.", Type.A, 3, false, false, true);
        Message first = new Message(p.process(q, CLIENT, UDP).join());
        assertEquals(2, first.getSection(Section.ANSWER).size());
        assertNull(kept(p, Unpooled.wrappedBuffer(q), CLIENT, UDP, UnpooledByteBufAllocator.DEFAULT));
        assertTrue(p.kept() == 0, "nothing kept");
    }

    /** The reply when it came from the memo (done at once and the memo not grown), else null. */
    static ByteBuf kept(QueryProcessor p, ByteBuf query, InetAddress client, Arrival arrival,
            io.netty.buffer.ByteBufAllocator alloc) {
        long before = p.keptReplies();
        ByteBuf b = p.process(query, client, arrival, alloc).getNow(null);
        if (p.keptReplies() == before) {
            if (b != null) {
                b.release();
            }
            return null;
        }
        return b;
    }

    static String mixedCase(String name) {
        StringBuilder b = new StringBuilder(name);
        for (int i = 0; i < b.length(); i += 2) {
            b.setCharAt(i, Character.toUpperCase(b.charAt(i)));
        }
        return b.toString();
    }
}
