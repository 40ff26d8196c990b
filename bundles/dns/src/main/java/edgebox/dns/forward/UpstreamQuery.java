package edgebox.dns.forward;

import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import edgebox.dns.cache.CachedAnswer;
import edgebox.dns.cache.CacheKey;

/**
 * The query sent upstream for a client's query, and the check an upstream reply must pass. The upstream query
 * carries a fresh random ID, RD, the client's CD bit (RFC 4035 §3.2.2: a validating client checks for itself), the
 * client's question and EDNS0 (1232 bytes) with the client's DO bit. A reply is
 * accepted only with the same ID, QR set, the same opcode and the same question (name compared without case, type
 * and class): the anti-spoofing rule of RFC 5452, with the random source port the UDP channel per query gives.
 */
final class UpstreamQuery {

    private UpstreamQuery() {
    }

    static Message build(Message client, int id) {
        Message query = new Message(id);
        query.getHeader().setFlag(Flags.RD);
        if (client.getHeader().getFlag(Flags.CD)) {
            query.getHeader().setFlag(Flags.CD);
        }
        query.addRecord(client.getQuestion(), Section.QUESTION);
        boolean dnssecOk = CacheKey.dnssecOk(client);
        query.addRecord(new OPTRecord(CachedAnswer.EDNS_PAYLOAD, 0, 0, dnssecOk ? ExtendedFlags.DO : 0),
                Section.ADDITIONAL);
        return query;
    }

    static boolean matches(Message sent, Message reply) {
        var header = reply.getHeader();
        if (header.getID() != sent.getHeader().getID() || !header.getFlag(Flags.QR)
                || header.getOpcode() != Opcode.QUERY) {
            return false;
        }
        Record asked = sent.getQuestion();
        Record got = reply.getQuestion();
        return got != null && header.getCount(Section.QUESTION) == 1 && got.getName().equals(asked.getName())
                && got.getType() == asked.getType() && got.getDClass() == asked.getDClass();
    }
}
