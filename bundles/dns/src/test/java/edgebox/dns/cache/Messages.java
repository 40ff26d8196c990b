package edgebox.dns.cache;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Builds the queries and upstream replies the cache tests use. */
final class Messages {

    private Messages() {
    }

    static Name name(String s) {
        return Name.fromConstantString(s.endsWith(".") ? s : s + ".");
    }

    static Message query(String name, int type, boolean dnssecOk, int id) {
        Message q = Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
        q.getHeader().setID(id);
        q.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return q;
    }

    static Message answer(Message query, long... ttls) {
        Message r = reply(query, Rcode.NOERROR);
        int i = 1;
        for (long ttl : ttls) {
            r.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, ttl,
                    new byte[] {(byte) 192, 0, 2, (byte) i++}), Section.ANSWER);
        }
        return r;
    }

    static Message negative(Message query, int rcode, long soaTtl, long soaMinimum) {
        Message r = reply(query, rcode);
        if (soaTtl >= 0) {
            r.addRecord(new SOARecord(name("example."), DClass.IN, soaTtl, name("ns.example."),
                    name("host.example."), 1, 3600, 600, 86400, soaMinimum), Section.AUTHORITY);
        }
        return r;
    }

    static Message reply(Message query, int rcode) {
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RD);
        r.getHeader().setFlag(Flags.RA);
        r.getHeader().setRcode(rcode);
        r.addRecord(query.getQuestion(), Section.QUESTION);
        r.addRecord(new OPTRecord(4096, 0, 0, CacheKey.dnssecOk(query) ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return r;
    }

    static CachedAnswer cached(Message query, Message reply, CachePolicy policy, long now) {
        return CachedAnswer.of(CacheKey.of(query), reply, reply.toWire(), policy, now);
    }

    static int typeA() {
        return Type.A;
    }
}
