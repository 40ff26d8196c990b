package edgebox.dns.cache;

import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/**
 * What a cached answer is filed under: the question's name in lower case, its type and class, and whether the
 * client asked for DNSSEC records (the DO bit), since an answer with RRSIGs is not the answer without them.
 */
public record CacheKey(Name name, int type, int dclass, boolean dnssecOk) {

    public CacheKey {
        name = name.canonicalize();
    }

    /** The key of a query: its first question and its DO bit; null when it has no question. */
    public static CacheKey of(Message query) {
        Record question = query.getQuestion();
        if (question == null) {
            return null;
        }
        return new CacheKey(question.getName(), question.getType(), question.getDClass(), dnssecOk(query));
    }

    /** True when the message carries an OPT record with the DO flag. */
    public static boolean dnssecOk(Message message) {
        OPTRecord opt = message.getOPT();
        return opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    }
}
