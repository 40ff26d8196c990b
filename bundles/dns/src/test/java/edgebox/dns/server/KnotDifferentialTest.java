package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.dns.PeerTools;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.zone.ZoneIndex;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/**
 * Knot DNS as the reference: the same zone files served by knotd and by the box (no forwarder, the client outside the
 * recursion networks, so the box speaks only as an authoritative server), the same query bytes sent to both over UDP
 * and over TCP (alone and pipelined on one connection), and the replies compared: rcode (extended included), AA, TC,
 * whether an OPT came back, the answer and authority sections as sets with their TTLs, and the additional section
 * without the OPT. The cases where the box deliberately answers otherwise are listed in {@link #DIFFERENCES} with the
 * reason.
 */
class KnotDifferentialTest {

    static final String ORIGIN = "example.test.";
    static final String ZONE = String.join("\n",
            "$ORIGIN example.test.",
            "$TTL 3600",
            "@ 600 IN SOA ns1 hostmaster 2024010101 3600 600 86400 900",
            "@ NS ns1",
            "@ NS ns.elsewhere.invalid.",
            "ns1 A 192.0.2.53",
            "ns1 AAAA 2001:db8::53",
            "www 300 A 192.0.2.1",
            "www AAAA 2001:db8::1",
            "txt TXT \"hello\"",
            "mail MX 10 mx",
            "mx A 192.0.2.25",
            "alias CNAME www",
            "chain CNAME alias",
            "out CNAME target.elsewhere.invalid.",
            "loop1 CNAME loop2",
            "loop2 CNAME loop1",
            "dangling CNAME nope",
            "*.wcdangling CNAME gone",
            "a.b.c.ent A 192.0.2.7",
            "*.wild A 192.0.2.8",
            "*.wild TXT \"wild\"",
            "exists.wild A 192.0.2.9",
            "*.wc CNAME www",
            "*.wcout CNAME target.elsewhere.invalid.",
            "sub NS ns.sub",
            "sub NS ns1",
            "ns.sub A 192.0.2.54",
            "ns.sub AAAA 2001:db8::54",
            "signed NS ns.signed",
            "signed DS 12345 13 2 " + "ab".repeat(32),
            "ns.signed A 192.0.2.55",
            "nodel NS ns.elsewhere.invalid.",
            "");

    /**
     * A second zone: its SOA TTL above the SOA minimum (the first zone's is below), an RRset too big for UDP, and
     * DNAMEs (RFC 6672): into this zone, out of the box's zones, into the first zone, and one whose substitutes can
     * pass 255 bytes.
     */
    static final String OTHER = "other.test.";
    static final String OTHER_ZONE = String.join("\n",
            "$ORIGIN other.test.",
            "$TTL 3600",
            "@ 7200 IN SOA ns hostmaster 1 3600 600 86400 300",
            "@ NS ns",
            "ns A 192.0.2.60",
            "host A 192.0.2.61",
            big(),
            "d 600 DNAME real.other.test.",
            "d TXT \"owner\"",
            "www.real A 192.0.2.62",
            "real TXT \"real\"",
            "out DNAME elsewhere.invalid.",
            "old DNAME example.test.",
            "via CNAME www.d",
            "vianope CNAME nope.d",
            "long DNAME " + "a".repeat(60) + "." + "b".repeat(60) + ".other.test.",
            "");

    /** 30 TXT records of 100 characters: about 3.4 KB, more than 512 bytes and more than the EDNS size of 1232. */
    static String big() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("big TXT \"" + String.format("%03d", i) + "x".repeat(97) + "\"");
        }
        return String.join("\n", lines);
    }

    /**
     * A case where the box answers otherwise on purpose: its rcode and flags (null: Knot's) and why. For these the
     * records are not compared; the OPT must come back when the query had one.
     */
    record Deliberate(String reply, String reason) {
    }

    /** A name below the DNAME {@code long} whose substitute passes 255 bytes. */
    static final String TOO_LONG = "x".repeat(63) + "." + "y".repeat(63) + ".long.other.test.";

    static final Deliberate TRANSFERS = new Deliberate("REFUSED", "zone transfers are not served, so the box "
            + "refuses them on both transports; Knot says NOTIMP (AXFR over UDP) or NOTAUTH (no transfer ACL)");

    static final Map<String, Deliberate> DIFFERENCES = Map.of(
            "www ANY", new Deliberate(null, "RFC 8482 lets the server pick: Knot returns one of the RRsets, the box "
                    + "the synthesized HINFO"),
            "example.test. ANY", new Deliberate(null, "RFC 8482: Knot returns one of the RRsets, the box the HINFO"),
            "qtype OPT", new Deliberate("FORMERR", "OPT is a pseudo-record of the message (RFC 6891 section 6.1.1), "
                    + "never data, so the box calls a question for it malformed; Knot answers NODATA"),
            "AXFR", TRANSFERS,
            "IXFR", TRANSFERS,
            "two questions", new Deliberate("FORMERR", "RFC 9619: more than one question gets FORMERR; Knot "
                    + "sends no reply at all"),
            "www.old.other.test. A", new Deliberate(null, "the box chases a CNAME into any of its zones, this one "
                    + "synthesized from a DNAME too; Knot stops at the edge of the zone"),
            "trailing bytes", new Deliberate("NOERROR aa", "bytes after the last counted record are ignored, as "
                    + "dnsjava's parser does (RFC 1035 says nothing of them); Knot answers FORMERR without OPT"),
            TOO_LONG + " A", new Deliberate("YXDOMAIN aa", "RFC 6672 section 2.2: YXDOMAIN when the substitute "
                    + "would pass 255 bytes; Knot answers NXDOMAIN"));


    static KnotProcess knot;
    static TestNet net;
    static DnsServer box;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(ORIGIN, ZONE);
        texts.put(OTHER, OTHER_ZONE);
        knot = new KnotProcess(dir, texts);
        List<ZoneIndex> indexes = new ArrayList<>();
        texts.forEach((origin, text) -> indexes.add(ZoneParser.parse(origin, "file", origin, text)));
        Chain chain = new Chain(List.of(new Zones(indexes)), List.of(), null, 1);
        QueryObserver quiet = new QueryObserver() {
            @Override
            public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
            }

            @Override
            public void dropped(String reason) {
            }
        };
        QueryProcessor p = new QueryProcessor(new Responder(() -> chain, 1232, QueryPolicy.NONE),
                new RateLimiter(0, 0, a -> true), quiet, 1232);
        net = new TestNet();
        box = DnsServer.bind(net, net, "127.0.0.1", 0, p, 1, 1232);
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
            net.close();
        }
        if (knot != null) {
            knot.close();
        }
    }

    /** One query to both servers: a label for the report and the bytes to send. */
    record Case(String label, byte[] wire) {
    }

    /** Names ending in a dot are absolute, the others relative to {@value #ORIGIN}. */
    static final String[][] QUESTIONS = {
            {"example.test.", "SOA"}, {"example.test.", "NS"}, {"example.test.", "A"}, {"example.test.", "ANY"},
            {"www", "A"}, {"www", "AAAA"}, {"www", "MX"}, {"WwW", "A"}, {"www", "ANY"}, {"txt", "TXT"},
            {"mail", "MX"}, {"ns1", "A"},
            {"alias", "A"}, {"chain", "AAAA"}, {"alias", "CNAME"}, {"alias", "TXT"}, {"out", "A"}, {"loop1", "A"},
            {"nope", "A"}, {"deeper.nope", "A"}, {"c.ent", "A"}, {"b.c.ent", "ANY"}, {"c.ent", "ANY"},
            {"x.a.b.c.ent", "A"},
            {"foo.wild", "A"}, {"foo.wild", "TXT"}, {"foo.wild", "MX"}, {"a.b.wild", "A"}, {"exists.wild", "A"},
            {"exists.wild", "TXT"}, {"x.exists.wild", "A"}, {"*.wild", "A"}, {"foo.wc", "A"}, {"foo.wc", "CNAME"},
            {"foo.wcout", "A"}, {"wild", "A"},
            {"sub", "A"}, {"www.sub", "A"}, {"sub", "NS"}, {"sub", "DS"}, {"ns.sub", "A"},
            {"signed", "DS"}, {"signed", "A"}, {"x.signed", "DS"}, {"nodel", "A"},
            {"other.test.", "SOA"}, {"nope.other.test.", "A"}, {"host.other.test.", "MX"},
            {"x.nope.other.test.", "TXT"}, {"big.other.test.", "TXT"},
            {"www.d.other.test.", "A"}, {"WWW.D.other.test.", "A"}, {"nope.d.other.test.", "A"},
            {"a.b.d.other.test.", "TXT"}, {"d.other.test.", "DNAME"}, {"d.other.test.", "A"},
            {"d.other.test.", "TXT"}, {"www.d.other.test.", "CNAME"}, {"www.d.other.test.", "DNAME"},
            {"x.out.other.test.", "A"}, {"www.old.other.test.", "A"}, {"x.long.other.test.", "A"},
            {TOO_LONG, "A"}, {"via.other.test.", "A"}, {"vianope.other.test.", "A"}, {"dangling", "A"},
            {"x.wcdangling", "A"}, {"example.test.", "DS"}, {"dangling", "CNAME"},
    };

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        for (String[] q : QUESTIONS) {
            String name = q[0].endsWith(".") ? q[0] : q[0] + "." + ORIGIN;
            Message m = query(name, Type.value(q[1]));
            out.add(new Case(q[0] + " " + q[1], m.toWire()));
            m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            out.add(new Case(q[0] + " " + q[1] + " +edns", m.toWire()));
        }
        out.addAll(errorCases());
        return out;
    }

    /** The protocol's error paths, each without and with EDNS (RFC 6891 section 7: the reply then carries OPT). */
    static List<Case> errorCases() throws Exception {
        List<Case> out = new ArrayList<>();
        Message two = query("www." + ORIGIN, Type.A);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        out.add(new Case("two OPT records", two.toWire()));
        Message v1 = query("www." + ORIGIN, Type.A);
        v1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        out.add(new Case("EDNS version 1", v1.toWire()));
        Message inAnswer = query("www." + ORIGIN, Type.A);
        inAnswer.addRecord(new OPTRecord(1232, 0, 0), Section.ANSWER);
        out.add(new Case("OPT in the answer section", inAnswer.toWire()));
        Message inAuthority = query("www." + ORIGIN, Type.A);
        inAuthority.addRecord(new OPTRecord(1232, 0, 0), Section.AUTHORITY);
        out.add(new Case("OPT in the authority section", inAuthority.toWire()));
        for (boolean edns : new boolean[] {false, true}) {
            String suffix = edns ? " +edns" : "";
            Message op = query("www." + ORIGIN, Type.A);
            op.getHeader().setOpcode(3);
            out.add(new Case("opcode 3" + suffix, withEdns(op, edns)));
            out.add(new Case("qtype 0" + suffix, withEdns(query("www." + ORIGIN, 0), edns)));
            out.add(new Case("qtype OPT" + suffix, withEdns(query("www." + ORIGIN, Type.OPT), edns)));
            out.add(new Case("class CH" + suffix, withEdns(query("www." + ORIGIN, Type.A, DClass.CH), edns)));
            out.add(new Case("class ANY" + suffix, withEdns(query("www." + ORIGIN, Type.A, DClass.ANY), edns)));
            out.add(new Case("AXFR" + suffix, withEdns(query(ORIGIN, Type.AXFR), edns)));
            out.add(new Case("IXFR" + suffix, withEdns(query(ORIGIN, Type.IXFR), edns)));
            out.add(new Case("no question" + suffix, withEdns(new Message(4711), edns)));
            Message twoQuestions = query("www." + ORIGIN, Type.A);
            twoQuestions.addRecord(Record.newRecord(Name.fromString("txt." + ORIGIN), Type.TXT, DClass.IN),
                    Section.QUESTION);
            out.add(new Case("two questions" + suffix, withEdns(twoQuestions, edns)));
            byte[] cut = withEdns(query("www." + ORIGIN, Type.A), edns);
            cut[11]++;
            out.add(new Case("a record counted but missing" + suffix, cut));
            byte[] whole = withEdns(query("www." + ORIGIN, Type.A), edns);
            byte[] trailing = java.util.Arrays.copyOf(whole, whole.length + 3);
            out.add(new Case("trailing bytes" + suffix, trailing));
        }
        return out;
    }

    static byte[] withEdns(Message m, boolean edns) {
        if (edns) {
            m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        return m.toWire();
    }

    static Message query(String name, int type) throws Exception {
        return query(name, type, DClass.IN);
    }

    static Message query(String name, int type, int dclass) throws Exception {
        Message m = new Message(4711);
        m.addRecord(Record.newRecord(Name.fromString(name), type, dclass), Section.QUESTION);
        return m;
    }

    @TestFactory
    List<DynamicTest> answersLikeKnot() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            Deliberate d = DIFFERENCES.get(c.label.replace(" +edns", ""));
            boolean edns = c.label.endsWith(" +edns");
            tests.add(DynamicTest.dynamicTest(c.label + " udp", () -> {
                String k = expected(udp(c.wire, knot.port), d, edns);
                String b = summary(udp(c.wire, box.udpAddress().getPort()), d == null);
                assertEquals(k, b, c.label + " over UDP: the box (second) differs from Knot (first)");
            }));
            tests.add(DynamicTest.dynamicTest(c.label + " tcp", () -> {
                String k = expected(tcp(List.of(c.wire), knot.port).get(0), d, edns);
                String b = summary(tcp(List.of(c.wire), box.tcpAddress().getPort()).get(0), d == null);
                assertEquals(k, b, c.label + " over TCP: the box (second) differs from Knot (first)");
            }));
        }
        return tests;
    }

    /** Knot's reply as the box's must read: whole, or for a deliberate difference as {@link Deliberate} says. */
    static String expected(Message knot, Deliberate d, boolean edns) {
        if (d == null) {
            return summary(knot, true);
        }
        return d.reply == null ? summary(knot, false) : d.reply + (edns ? " opt" : "");
    }

    /**
     * The questions of {@link #QUESTIONS} (not the error paths, after some of which Knot closes the connection) written
     * on one TCP connection before reading: each answered, as Knot answers it, in whatever order.
     */
    @Test
    void pipelinedOverOneTcpConnection() throws Exception {
        List<byte[]> queries = new ArrayList<>();
        List<Deliberate> deliberate = new ArrayList<>();
        for (Case c : cases().subList(0, 2 * QUESTIONS.length)) {
            Message m = new Message(c.wire);
            m.getHeader().setID(queries.size() + 1);
            queries.add(m.toWire());
            deliberate.add(DIFFERENCES.get(c.label.replace(" +edns", "")));
        }
        Map<Integer, Message> fromKnot = byId(tcp(queries, knot.port));
        Map<Integer, Message> fromBox = byId(tcp(queries, box.tcpAddress().getPort()));
        assertEquals(queries.size(), fromBox.size(), "every pipelined query answered");
        for (int i = 0; i < queries.size(); i++) {
            Deliberate d = deliberate.get(i);
            Message q = new Message(queries.get(i));
            assertEquals(expected(fromKnot.get(i + 1), d, q.getOPT() != null),
                    summary(fromBox.get(i + 1), d == null), "pipelined query " + (i + 1) + ": " + q.getQuestion());
        }
    }

    /** The RRset larger than 512 bytes and than the EDNS size: truncated over UDP, whole over TCP without TC. */
    @Test
    void aLargeAnswerComesWholeOverTcp() throws Exception {
        Message q = query("big." + OTHER, Type.TXT);
        q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Message overUdp = udp(q.toWire(), box.udpAddress().getPort());
        assertTrue(overUdp.getHeader().getFlag(Flags.TC), "truncated over UDP");
        Message overTcp = tcp(List.of(q.toWire()), box.tcpAddress().getPort()).get(0);
        assertFalse(overTcp.getHeader().getFlag(Flags.TC), "not truncated over TCP");
        assertEquals(30, overTcp.getSection(Section.ANSWER).size());
        assertTrue(overTcp.toWire().length > 1232, "larger than the EDNS size: " + overTcp.toWire().length);
    }

    /** dig meets TC over UDP and asks again over TCP by itself, getting the whole answer. */
    @Test
    void digRetriesOverTcpAfterTc() throws Exception {
        PeerTools.require("dig", "bind9-dnsutils");
        for (String bufsize : List.of("+noedns", "+bufsize=1232")) {
            String out = DnsServerTest.run("dig", "@127.0.0.1", "-p", "" + box.udpAddress().getPort(), "+tries=1",
                    "+time=3", bufsize, "big." + OTHER, "TXT");
            assertTrue(out.contains("Truncated, retrying in TCP mode"), out);
            assertTrue(out.contains("ANSWER: 30,") && !out.contains(" tc"), out);
        }
    }

    static Map<Integer, Message> byId(List<Message> replies) {
        Map<Integer, Message> out = new HashMap<>();
        for (Message m : replies) {
            if (m != null) {
                out.put(m.getHeader().getID(), m);
            }
        }
        return out;
    }

    static String summary(Message m, boolean whole) {
        if (m == null) {
            return "no reply";
        }
        OPTRecord opt = m.getOPT();
        StringBuilder s = new StringBuilder(Rcode.string(m.getRcode()));
        s.append(m.getHeader().getFlag(Flags.AA) ? " aa" : "");
        if (!whole) {
            return s.append(opt == null ? "" : " opt").toString();
        }
        s.append(m.getHeader().getFlag(Flags.TC) ? " tc" : "").append(opt == null ? "" : " opt");
        s.append(" answer=").append(set(m, Section.ANSWER));
        s.append(" authority=").append(set(m, Section.AUTHORITY));
        s.append(" additional=").append(set(m, Section.ADDITIONAL));
        return s.toString();
    }

    static List<String> set(Message m, int section) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(section)) {
            if (r.getType() != Type.OPT) {
                out.add(r.toString().toLowerCase(Locale.ROOT).replace('\t', ' '));
            }
        }
        out.sort(null);
        return out;
    }

    static Message udp(byte[] q, int port) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            s.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (java.net.SocketTimeoutException none) {
                return null;
            }
            return new Message(java.util.Arrays.copyOf(buf, p.getLength()));
        }
    }

    /**
     * The queries written back to back on one connection with their 2-byte length prefixes (RFC 7766), then the
     * replies read in the order they come; a reply not received within 2 s (or a closed connection) reads as null.
     */
    static List<Message> tcp(List<byte[]> queries, int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            for (byte[] q : queries) {
                out.writeShort(q.length);
                out.write(q);
            }
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            List<Message> replies = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                try {
                    byte[] r = new byte[in.readUnsignedShort()];
                    in.readFully(r);
                    replies.add(new Message(r));
                } catch (java.net.SocketTimeoutException | java.io.EOFException none) {
                    replies.add(null);
                }
            }
            return replies;
        }
    }
}
