package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.PeerTools;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/** The listeners on real loopback sockets, asked by the JDK and by dig and kdig (a test fails where they are missing). */
class DnsServerTest {

    static TestNet net;
    static DnsServer server;
    static int port;
    static final AtomicInteger dropped = new AtomicInteger();
    static final AtomicInteger answered = new AtomicInteger();

    @BeforeAll
    static void start() {
        StringBuilder big = new StringBuilder("www IN A 192.0.2.1\nwww IN AAAA 2001:db8::1\n");
        for (int i = 0; i < 40; i++) {
            big.append("big IN TXT \"").append("record ").append(i).append(" ").append("x".repeat(40)).append("\"\n");
        }
        Zones zones = new Zones(List.of(ZoneParser.parse("z", "records", "demo.test.", big.toString())));
        Chain chain = new Chain(List.of(zones), Networks.parse("r", List.of("127.0.0.0/8")), null, 1);
        QueryObserver observer = new QueryObserver() {
            @Override
            public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
                answered.incrementAndGet();
            }

            @Override
            public void dropped(String reason) {
                dropped.incrementAndGet();
            }
        };
        QueryProcessor p = new QueryProcessor(new Responder(() -> chain, 1232, QueryPolicy.NONE),
                new RateLimiter(0, 0, a -> true), observer, 1232);
        net = new TestNet();
        server = DnsServer.bind(net, net, "127.0.0.1", 0, p, 2, 1232);
        port = server.udpAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
        net.close();
    }

    static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    static Message udp(byte[] q) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return new Message(java.util.Arrays.copyOf(buf, p.getLength()));
        }
    }

    @Test
    void udpAnswersAndGarbageGetsFormerr() throws Exception {
        Message r = udp(query("www.demo.test.", Type.A).toWire());
        assertEquals("192.0.2.1", r.getSection(Section.ANSWER).get(0).rdataToString());
        byte[] garbage = "\u0001\u0002\u0000\u0000\u0000\u0005garbage: five questions promised, none given"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Rcode.FORMERR, udp(garbage).getRcode());
    }

    @Test
    void tcpServesSeveralQueriesOnOneConnection() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpAddress().getPort())) {
            s.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message q = query(i == 2 ? "big.demo.test." : "www.demo.test.", i == 1 ? Type.AAAA : Type.TXT);
                q.getHeader().setID(100 + i);
                byte[] w = q.toWire();
                out.writeShort(w.length);
                out.write(w);
            }
            out.flush();
            for (int i = 0; i < 3; i++) {
                byte[] r = new byte[in.readUnsignedShort()];
                in.readFully(r);
                Message m = new Message(r);
                ids.add(m.getHeader().getID());
                if (m.getHeader().getID() == 102) {
                    assertEquals(40, m.getSection(Section.ANSWER).size(), "TCP carries the full answer");
                }
            }
            assertTrue(ids.containsAll(List.of(100, 101, 102)), ids.toString());
        }
    }

    @Test
    void oversizeQueriesAreDroppedAndCounted() throws Exception {
        int before = dropped.get();
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] huge = new byte[2000];
            s.send(new DatagramPacket(huge, huge.length, InetAddress.getLoopbackAddress(), port));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (dropped.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before + 1, dropped.get());
        assertEquals("192.0.2.1", udp(query("www.demo.test.", Type.A).toWire()).getSection(Section.ANSWER).get(0)
                .rdataToString(), "the server keeps serving");
    }

    @Test
    void digAndKdigParseTruncationAndTcp() throws Exception {
        PeerTools.require("dig", "bind9-dnsutils");
        PeerTools.require("kdig", "knot-dnsutils");
        String digUdp = run("dig", "@127.0.0.1", "-p", "" + port, "+ignore", "+bufsize=1232", "big.demo.test", "TXT");
        assertTrue(digUdp.contains("flags: qr aa rd tc") || digUdp.contains(" tc"), digUdp);
        String digTcp = run("dig", "@127.0.0.1", "-p", "" + port, "+tcp", "big.demo.test", "TXT");
        assertTrue(digTcp.contains("ANSWER: 40"), digTcp);
        String kdig = run("kdig", "@127.0.0.1", "-p", "" + port, "+edns", "www.demo.test", "AAAA");
        assertTrue(kdig.contains("2001:db8::1") && kdig.contains("NOERROR"), kdig);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": no end within 10 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
