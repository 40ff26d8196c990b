package edgebox.dns.forward;

import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import edgebox.dns.cache.CacheKey;
import edgebox.dns.cache.CachedAnswer;

/** Error replies the forwarder makes itself: the query's ID, opcode, RD and question, RA, and EDNS when asked. */
final class Replies {

    private Replies() {
    }

    static Message error(Message query, int rcode) {
        Message reply = new Message(query.getHeader().getID());
        var header = reply.getHeader();
        header.setFlag(Flags.QR);
        header.setFlag(Flags.RA);
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setRcode(rcode);
        Record question = query.getQuestion();
        if (question != null) {
            reply.addRecord(question, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            reply.addRecord(new OPTRecord(CachedAnswer.EDNS_PAYLOAD, 0, 0,
                    CacheKey.dnssecOk(query) ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        return reply;
    }
}
