package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ForwarderTest {

    private static EventLoopGroup group;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TestClock clock = new TestClock();

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private ScriptedUpstream upstream(ScriptedUpstream.Script script) throws Exception {
        ScriptedUpstream u = new ScriptedUpstream(script);
        closing.add(u);
        return u;
    }

    private Forwarder forwarder(Clock time, Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        Forwarder f = new Forwarder(ForwardSettings.from(props), group, NioDatagramChannel.class,
                NioSocketChannel.class, time);
        closing.add(f);
        return f;
    }

    static Message query(String name, int id) {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
        q.getHeader().setID(id);
        return q;
    }

    static Message reply(Message q, int id, int rcode, long ttl, int... lastOctets) throws Exception {
        Message r = new Message(id);
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.getHeader().setRcode(rcode);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        for (int octet : lastOctets) {
            r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, ttl,
                    InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) octet})), Section.ANSWER);
        }
        return r;
    }

    static ScriptedUpstream.Script answering(int octet, long ttl) {
        return (q, tcp) -> List.of(reply(q, q.getHeader().getID(), Rcode.NOERROR, ttl, octet));
    }

    static String address(Message reply) {
        return ((ARecord) reply.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
    }

    static Message get(CompletableFuture<Message> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void answersFromUpstreamThenFromCache() throws Exception {
        ScriptedUpstream up = upstream(answering(1, 300));
        Forwarder f = forwarder(clock, "upstreams", up.address());
        Message first = get(f.forward(query("www.example.", 11)));
        assertEquals(11, first.getHeader().getID());
        assertEquals("192.0.2.1", address(first));
        clock.advanceSeconds(100);
        Message second = get(f.forward(query("WWW.example.", 12)));
        assertEquals(12, second.getHeader().getID());
        assertEquals("WWW.example.", second.getQuestion().getName().toString());
        assertEquals(200, second.getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(1, up.udpQueries.get());
        assertEquals(1, f.cache().hits());
        assertEquals(1, f.cache().misses());
    }

    @Test
    void theUpstreamsExtendedErrorsComeWithTheAnswerFromTheCacheToo() throws Exception {
        ScriptedUpstream up = upstream((q, tcp) -> {
            Message r = reply(q, q.getHeader().getID(), Rcode.NOERROR, 300, 5);
            r.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ExtendedErrorCodeOption(
                    ExtendedErrorCodeOption.FILTERED, "filtered upstream"))), Section.ADDITIONAL);
            return List.of(r);
        });
        Forwarder f = forwarder(clock, "upstreams", up.address());
        for (int id : new int[] {21, 22}) {
            Message q = query("www.example.", id);
            q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            Message r = get(f.forward(q));
            List<EDNSOption> edes = r.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
            assertEquals(1, edes.size(), "query " + id + ": " + r);
            ExtendedErrorCodeOption ede = (ExtendedErrorCodeOption) edes.get(0);
            assertEquals(ExtendedErrorCodeOption.FILTERED, ede.getErrorCode());
            assertEquals("filtered upstream", ede.getText());
            clock.advanceSeconds(10);
        }
        assertEquals(1, up.udpQueries.get(), "the second answer came from the cache");
        assertEquals(null, get(f.forward(query("www.example.", 23))).getOPT(), "no OPT without EDNS in the query");
    }

    @Test
    void theCdBitReachesTheUpstreamAndCdQueriesBypassTheCache() throws Exception {
        List<Boolean> cdSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedUpstream up = upstream((q, tcp) -> {
            cdSeen.add(q.getHeader().getFlag(Flags.CD));
            return List.of(reply(q, q.getHeader().getID(), Rcode.NOERROR, 300, q.getHeader().getFlag(Flags.CD) ? 2 : 1));
        });
        Forwarder f = forwarder(clock, "upstreams", up.address());
        assertEquals("192.0.2.1", address(get(f.forward(query("www.example.", 1)))));
        Message checking = query("www.example.", 2);
        checking.getHeader().setFlag(Flags.CD);
        Message unchecked = get(f.forward(checking));
        assertEquals("192.0.2.2", address(unchecked), "not the answer cached for CD clear");
        assertTrue(unchecked.getHeader().getFlag(Flags.CD));
        assertEquals(2, unchecked.getHeader().getID());
        assertEquals("192.0.2.1", address(get(f.forward(query("www.example.", 3)))),
                "the unchecked answer did not replace the cached one");
        assertEquals(List.of(false, true), cdSeen);
    }

    @Test
    void ignoresSpoofedRepliesAndTakesTheMatchingOne() throws Exception {
        ScriptedUpstream up = upstream((q, tcp) -> {
            int id = q.getHeader().getID();
            return List.of(reply(q, (id + 1) & 0xFFFF, Rcode.NOERROR, 300, 66),
                    reply(query("evil.example.", id), id, Rcode.NOERROR, 300, 66),
                    reply(q, id, Rcode.NOERROR, 300, 1));
        });
        Forwarder f = forwarder(clock, "upstreams", up.address());
        assertEquals("192.0.2.1", address(get(f.forward(query("www.example.", 1)))));
    }

    @Test
    void truncatedUdpIsRetriedOverOneReusedTcpConnection() throws Exception {
        ScriptedUpstream up = upstream((q, tcp) -> {
            Message r = reply(q, q.getHeader().getID(), Rcode.NOERROR, 300, tcp ? new int[] {1, 2, 3} : new int[0]);
            if (!tcp) {
                r.getHeader().setFlag(Flags.TC);
            }
            return List.of(r);
        });
        Forwarder f = forwarder(clock, "upstreams", up.address());
        List<CompletableFuture<Message>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(f.forward(query("n" + i + ".example.", i)));
        }
        for (CompletableFuture<Message> r : replies) {
            assertEquals(3, get(r).getSection(Section.ANSWER).size());
        }
        get(f.forward(query("last.example.", 9)));
        assertEquals(6, up.tcpQueries.get());
        assertEquals(1, up.tcpConnections.get(), "queries share the connection");
    }

    @Test
    void failsOverOnSilenceAndServfail() throws Exception {
        ScriptedUpstream silent = upstream((q, tcp) -> List.of());
        ScriptedUpstream failing = upstream((q, tcp) -> List.of(reply(q, q.getHeader().getID(), Rcode.SERVFAIL, 0)));
        ScriptedUpstream good = upstream(answering(7, 300));
        Forwarder f = forwarder(clock, "upstreams", new String[] {silent.address(), failing.address(), good.address()},
                "timeoutMillis", 200);
        long start = System.nanoTime();
        assertEquals("192.0.2.7", address(get(f.forward(query("www.example.", 1)))));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        assertEquals(1, silent.udpQueries.get());
        assertEquals(1, failing.udpQueries.get());
        get(f.forward(query("other.example.", 2)));
        assertEquals(1, silent.udpQueries.get(), "a silent upstream is tried last for a while");
    }

    @Test
    void servfailWhenEveryUpstreamFails() throws Exception {
        ScriptedUpstream silent = upstream((q, tcp) -> List.of());
        Forwarder f = forwarder(clock, "upstreams", silent.address(), "timeoutMillis", 100);
        Message reply = get(f.forward(query("www.example.", 77)));
        assertEquals(Rcode.SERVFAIL, reply.getRcode());
        assertEquals(77, reply.getHeader().getID());
        assertEquals(Rcode.SERVFAIL, get(forwarder(clock).forward(query("a.example.", 1))).getRcode(),
                "no upstream configured");
    }

    @Test
    void concurrentIdenticalQueriesMakeOneUpstreamQuery() throws Exception {
        ScriptedUpstream up = upstream((q, tcp) -> {
            Thread.sleep(100);
            return List.of(reply(q, q.getHeader().getID(), Rcode.NOERROR, 300, 1));
        });
        Forwarder f = forwarder(clock, "upstreams", up.address());
        List<CompletableFuture<Message>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(f.forward(query("www.example.", 1000 + i)));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(1000 + i, get(replies.get(i)).getHeader().getID());
        }
        assertEquals(1, up.udpQueries.get());
    }

    @Test
    void domainUpstreamsSplitByLongestSuffix() throws Exception {
        ScriptedUpstream general = upstream(answering(1, 300));
        ScriptedUpstream lan = upstream(answering(2, 300));
        Forwarder f = forwarder(clock, "upstreams", general.address(),
                "domainUpstreams", new String[] {"lan=" + lan.address()});
        assertEquals("192.0.2.2", address(get(f.forward(query("printer.LAN.", 1)))));
        assertEquals("192.0.2.1", address(get(f.forward(query("example.com.", 2)))));
    }

    @Test
    void popularNamesArePrefetchedBeforeExpiry() throws Exception {
        ScriptedUpstream up = upstream(answering(1, 100));
        Forwarder f = forwarder(clock, "upstreams", up.address());
        for (int i = 0; i < 3; i++) {
            get(f.forward(query("hot.example.", i)));
        }
        clock.advanceSeconds(95);
        assertEquals(5, get(f.forward(query("hot.example.", 9))).getSection(Section.ANSWER).get(0).getTTL(),
                "served from the cache while the refresh runs");
        await("a refresh query reaches the upstream", () -> up.udpQueries.get() == 2);
        await("the refreshed answer is cached", () -> f.cache().entries(1).get(0).ttlLeft() > 90);
        clock.advanceSeconds(50);
        assertEquals(50, get(f.forward(query("hot.example.", 10))).getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(2, up.udpQueries.get());
        assertEquals(1, f.cache().prefetches());
    }

    @Test
    void staleAnswersWhenUpstreamsFail() throws Exception {
        ScriptedUpstream up = upstream(answering(1, 10));
        Forwarder f = forwarder(clock, "upstreams", up.address(), "timeoutMillis", 300, "clientTimeoutMillis", 100);
        get(f.forward(query("www.example.", 1)));
        up.script((q, tcp) -> List.of());
        clock.advanceSeconds(20);
        Message staleQuery = query("www.example.", 2);
        staleQuery.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Message stale = get(f.forward(staleQuery));
        assertEquals(Rcode.NOERROR, stale.getRcode());
        assertEquals(30, stale.getSection(Section.ANSWER).get(0).getTTL(), "RFC 8767 stale TTL");
        assertEquals(1, f.cache().staleAnswers());
        var ede = stale.getOPT().getOptions(org.xbill.DNS.EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertEquals(1, ede.size(), "RFC 8914 Stale Answer on an EDNS query");
        assertEquals(org.xbill.DNS.ExtendedErrorCodeOption.STALE_ANSWER,
                ((org.xbill.DNS.ExtendedErrorCodeOption) ede.get(0)).getErrorCode());
        Forwarder strict = forwarder(clock, "upstreams", up.address(), "timeoutMillis", 300, "serveStale", false);
        up.script(answering(1, 10));
        get(strict.forward(query("www.example.", 1)));
        up.script((q, tcp) -> List.of());
        clock.advanceSeconds(20);
        assertEquals(Rcode.SERVFAIL, get(strict.forward(query("www.example.", 2))).getRcode());
    }

    @Test
    void negativeAnswersAreCachedForTheSoaMinimum() throws Exception {
        ScriptedUpstream up = upstream((q, tcp) -> {
            Message r = reply(q, q.getHeader().getID(), Rcode.NXDOMAIN, 0);
            r.addRecord(new SOARecord(Name.fromConstantString("example."), DClass.IN, 3600,
                    Name.fromConstantString("ns.example."), Name.fromConstantString("h.example."), 1, 2, 3, 4, 60),
                    Section.AUTHORITY);
            return List.of(r);
        });
        Forwarder f = forwarder(clock, "upstreams", up.address());
        assertEquals(Rcode.NXDOMAIN, get(f.forward(query("nx.example.", 1))).getRcode());
        clock.advanceSeconds(59);
        Message cached = get(f.forward(query("nx.example.", 2)));
        assertEquals(Rcode.NXDOMAIN, cached.getRcode());
        assertEquals(1, cached.getSection(Section.AUTHORITY).get(0).getTTL());
        clock.advanceSeconds(2);
        get(f.forward(query("nx.example.", 3)));
        assertEquals(2, up.udpQueries.get());
    }
}
