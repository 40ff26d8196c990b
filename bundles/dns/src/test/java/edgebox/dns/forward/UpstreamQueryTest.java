package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class UpstreamQueryTest {

    private static Message client(String name, boolean dnssecOk) {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
        q.addRecord(new OPTRecord(4096, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return q;
    }

    private static Message replyTo(Message sent, String name, int id) {
        Message r = new Message(id);
        r.getHeader().setFlag(Flags.QR);
        r.addRecord(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN), Section.QUESTION);
        return r;
    }

    @Test
    void carriesIdRdQuestionAndDoBit() {
        Message up = UpstreamQuery.build(client("www.example.", true), 0xBEEF);
        assertEquals(0xBEEF, up.getHeader().getID());
        assertTrue(up.getHeader().getFlag(Flags.RD));
        assertEquals(1232, up.getOPT().getPayloadSize());
        assertEquals(ExtendedFlags.DO, up.getOPT().getFlags());
        assertEquals(0, UpstreamQuery.build(client("www.example.", false), 1).getOPT().getFlags());
    }

    @Test
    void acceptsOnlyTheMatchingReply() {
        Message sent = UpstreamQuery.build(client("www.example.", false), 100);
        assertTrue(UpstreamQuery.matches(sent, replyTo(sent, "WWW.example.", 100)), "case differs: same name");
        assertFalse(UpstreamQuery.matches(sent, replyTo(sent, "www.example.", 101)), "another ID");
        assertFalse(UpstreamQuery.matches(sent, replyTo(sent, "evil.example.", 100)), "another question");
        Message notReply = replyTo(sent, "www.example.", 100);
        notReply.getHeader().unsetFlag(Flags.QR);
        assertFalse(UpstreamQuery.matches(sent, notReply), "QR clear");
        assertFalse(UpstreamQuery.matches(sent, new Message(100)), "no question");
    }
}
