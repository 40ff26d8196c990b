package edgebox.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
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

import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Outcome;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.zone.ZoneParser;
import edgebox.dns.zone.Zones;

/**
 * Knot DNS as the reference: the same zone file served by knotd and by the box (no forwarder, the client outside the
 * recursion networks, so the box speaks only as an authoritative server), the same query bytes sent to both over
 * UDP, and the replies compared: rcode (extended included), AA, TC, whether an OPT came back, the answer and
 * authority sections as sets with their TTLs, and the additional section without the OPT. The cases where the box
 * deliberately answers otherwise are listed in {@link #DIFFERENCES} with the reason; for those only the rcode and AA
 * are compared.
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

    /** Cases where the box answers otherwise on purpose, and why; only rcode and AA are compared for them. */
    static final Map<String, String> DIFFERENCES = Map.of(
            "www ANY", "RFC 8482 lets the server pick: Knot returns one of the RRsets, the box the synthesized HINFO",
            "example.test ANY", "RFC 8482 lets the server pick: Knot returns one of the RRsets, the box the HINFO");

    static KnotProcess knot;
    static TestNet net;
    static DnsServer box;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        knot = new KnotProcess(dir, ORIGIN, ZONE);
        Zones zones = new Zones(List.of(ZoneParser.parse("example", "file", ORIGIN, ZONE)));
        Chain chain = new Chain(List.of(zones), List.of(), null, 1);
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

    static final String[][] QUESTIONS = {
            {"example.test", "SOA"}, {"example.test", "NS"}, {"example.test", "A"}, {"example.test", "ANY"},
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
    };

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        for (String[] q : QUESTIONS) {
            String name = q[0].equals("example.test") ? ORIGIN : q[0] + "." + ORIGIN;
            Message m = query(name, Type.value(q[1]));
            out.add(new Case(q[0] + " " + q[1], m.toWire()));
            m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            out.add(new Case(q[0] + " " + q[1] + " +edns", m.toWire()));
        }
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
        for (boolean edns : new boolean[] {false, true}) {
            Message op = query("www." + ORIGIN, Type.A);
            op.getHeader().setOpcode(3);
            if (edns) {
                op.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            }
            out.add(new Case("opcode 3" + (edns ? " +edns" : ""), op.toWire()));
        }
        out.add(new Case("qtype 0", query("www." + ORIGIN, 0).toWire()));
        return out;
    }

    static Message query(String name, int type) throws Exception {
        Message m = new Message(4711);
        m.addRecord(Record.newRecord(Name.fromString(name), type, DClass.IN), Section.QUESTION);
        return m;
    }

    @TestFactory
    List<DynamicTest> answersLikeKnot() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.label, () -> {
                boolean whole = !DIFFERENCES.containsKey(c.label.replace(" +edns", ""));
                String k = summary(udp(c.wire, knot.port), whole);
                String b = summary(udp(c.wire, box.udpAddress().getPort()), whole);
                assertEquals(k, b, c.label + ": the box (second) differs from Knot (first)");
            }));
        }
        return tests;
    }

    static String summary(Message m, boolean whole) {
        if (m == null) {
            return "no reply";
        }
        OPTRecord opt = m.getOPT();
        StringBuilder s = new StringBuilder(Rcode.string(m.getRcode()));
        s.append(m.getHeader().getFlag(Flags.AA) ? " aa" : "");
        if (!whole) {
            return s.toString();
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
}
