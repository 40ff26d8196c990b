package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The forwarder against a real Unbound on 127.0.0.1: answers, NXDOMAIN, TCP on truncation, DoT and serve-stale. */
class UnboundForwardTest {

    private static EventLoopGroup group;
    @TempDir
    Path dir;
    private UnboundProcess unbound;
    private Forwarder forwarder;
    private final TestClock clock = new TestClock();

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void start() throws Exception {
        unbound = new UnboundProcess(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
        if (unbound != null) {
            unbound.close();
        }
    }

    private Forwarder forwarder(Object... keyValues) {
        Map<String, Object> props = new HashMap<>(Map.of("timeoutMillis", 500, "clientTimeoutMillis", 200));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        forwarder = new Forwarder(ForwardSettings.from(props), group, NioDatagramChannel.class,
                NioSocketChannel.class, clock);
        return forwarder;
    }

    private static Message query(String name, int type, int id, boolean dnssecOk) {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
        q.getHeader().setID(id);
        q.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return q;
    }

    private static Message ask(Forwarder f, Message q) throws Exception {
        return f.forward(q).get(10, TimeUnit.SECONDS);
    }

    @Test
    void forwardsAndCachesAnswersAndNegatives() throws Exception {
        Forwarder f = forwarder("upstreams", unbound.upstream());
        Message a = ask(f, query("a.test.", Type.A, 4321, true));
        assertEquals(4321, a.getHeader().getID());
        assertEquals(Rcode.NOERROR, a.getRcode());
        assertEquals("192.0.2.1", ((org.xbill.DNS.ARecord) a.getSection(Section.ANSWER).get(0)).getAddress()
                .getHostAddress());
        assertEquals(ExtendedFlags.DO, a.getOPT().getFlags() & ExtendedFlags.DO, "DO echoed");
        Message nx = ask(f, query("nx.test.", Type.A, 1, false));
        assertEquals(Rcode.NXDOMAIN, nx.getRcode());
        assertTrue(nx.getSection(Section.AUTHORITY).get(0) instanceof SOARecord, "SOA in authority");
        clock.advanceSeconds(30);
        assertEquals(Rcode.NXDOMAIN, ask(f, query("nx.test.", Type.A, 2, false)).getRcode());
        assertEquals(270, ask(f, query("A.TEST.", Type.A, 3, true)).getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(2, f.cache().hits());
        assertEquals(2, f.cache().misses());
    }

    @Test
    void bigAnswerComesOverTcpAfterTruncation() throws Exception {
        Forwarder f = forwarder("upstreams", unbound.upstream());
        Message big = ask(f, query("big.test.", Type.TXT, 5, false));
        assertEquals(Rcode.NOERROR, big.getRcode());
        List<Record> txt = big.getSection(Section.ANSWER);
        assertEquals(10, txt.size(), "all ten records, over 2000 bytes");
        assertEquals(200, ((TXTRecord) txt.get(0)).getStrings().get(0).length());
        assertTrue(big.toWire().length > 2000);
    }

    @Test
    void dnsOverTlsVerifiesTheServerName() throws Exception {
        Forwarder f = forwarder("upstreams", unbound.tlsUpstream(UnboundProcess.TLS_NAME),
                "tlsTrust", unbound.certificate.toString(), "timeoutMillis", 5000);
        assertEquals(Rcode.NOERROR, ask(f, query("a.test.", Type.A, 1, false)).getRcode());
        assertEquals(10, ask(f, query("big.test.", Type.TXT, 2, false)).getSection(Section.ANSWER).size());
        f.close();
        Forwarder wrong = forwarder("upstreams", unbound.tlsUpstream("other.test"),
                "tlsTrust", unbound.certificate.toString());
        assertEquals(Rcode.SERVFAIL, ask(wrong, query("a.test.", Type.A, 3, false)).getRcode(),
                "the certificate is for dns.test, not other.test");
    }

    @Test
    void servesStaleWhenUnboundIsKilled() throws Exception {
        Forwarder f = forwarder("upstreams", unbound.upstream());
        assertEquals(Rcode.NOERROR, ask(f, query("a.test.", Type.A, 1, false)).getRcode());
        unbound.kill();
        clock.advanceSeconds(301);
        Message stale = ask(f, query("a.test.", Type.A, 2, false));
        assertEquals(Rcode.NOERROR, stale.getRcode());
        assertEquals(30, stale.getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(1, f.cache().staleAnswers());
        assertEquals(Rcode.SERVFAIL, ask(f, query("never.test.", Type.A, 3, false)).getRcode());
    }
}
