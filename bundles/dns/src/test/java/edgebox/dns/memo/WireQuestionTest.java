package edgebox.dns.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import io.netty.buffer.Unpooled;

/** Only plain queries are read on the fast path; everything else goes to the responder. */
class WireQuestionTest {

    static Message query(String name) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), Type.AAAA, DClass.IN));
    }

    static WireQuestion read(Message m) {
        return WireQuestion.read(Unpooled.wrappedBuffer(m.toWire()));
    }

    @Test
    void plainQueriesAreRead() throws Exception {
        Message m = query("www.demo.test.");
        WireQuestion q = read(m);
        assertNotNull(q);
        assertEquals(m.getHeader().getID(), q.id());
        assertEquals(Type.AAAA, q.type());
        assertEquals(12 + 15, q.nameEnd());
        m.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO, List.of(new CookieOption(new byte[8]))),
                Section.ADDITIONAL);
        WireQuestion e = read(m);
        assertTrue(e.edns() && e.dnssecOk());
        assertEquals(4096, e.payload());
    }

    @Test
    void anythingUnusualIsLeftToTheResponder() throws Exception {
        Message version1 = query("a.test.");
        version1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        assertNull(read(version1), "EDNS version 1");
        Message subnet = query("a.test.");
        subnet.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24,
                java.net.InetAddress.getByName("192.0.2.0")))), Section.ADDITIONAL);
        assertNull(read(subnet), "client subnet option");
        Message notify = query("a.test.");
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertNull(read(notify), "opcode");
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertNull(read(chaos), "class CH");
        Message two = query("a.test.");
        two.addRecord(Record.newRecord(Name.fromString("b.test."), Type.A, DClass.IN), Section.QUESTION);
        assertNull(read(two), "two questions");
        byte[] wire = query("a.test.").toWire();
        assertNull(WireQuestion.read(Unpooled.wrappedBuffer(java.util.Arrays.copyOf(wire, wire.length + 2))),
                "trailing bytes");
        assertNull(WireQuestion.read(Unpooled.wrappedBuffer(java.util.Arrays.copyOf(wire, wire.length - 1))),
                "cut short");
        byte[] pointer = java.util.Arrays.copyOf(wire, wire.length);
        pointer[12] = (byte) 0xC0;
        assertNull(WireQuestion.read(Unpooled.wrappedBuffer(pointer)), "compression pointer in the question");
        Message response = query("a.test.");
        response.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        assertNull(read(response), "a response");
    }
}
