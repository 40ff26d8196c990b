package edgebox.dns.cache;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * One upstream answer as it is kept: its wire form with ID zero and TTLs already clamped, the offsets of the TTL
 * fields, the upstream's RFC 8914 extended errors, and when it was stored, goes stale and is dropped. Immutable but
 * for its use counters. A reply is made by copying the bytes, patching the ID and the aged TTLs and parsing the copy,
 * so records are never re-encoded.
 */
public final class CachedAnswer {

    private static final List<EDNSOption> STALE = List.of(
            new ExtendedErrorCodeOption(ExtendedErrorCodeOption.STALE_ANSWER));

    /** The EDNS payload size this server advertises in replies (RFC 9715 / DNS flag day 2020). */
    public static final int EDNS_PAYLOAD = 1232;

    private final CacheKey key;
    private final byte[] wire;
    private final List<EDNSOption> extendedErrors;
    private final List<EDNSOption> staleExtendedErrors;
    private final int[] ttlOffsets;
    private final int rcode;
    private final boolean negative;
    private final int ttl;
    private final long storedAt;
    private final long freshUntil;
    private final long staleUntil;
    volatile boolean referenced;
    volatile long hits;
    final AtomicBoolean refreshing = new AtomicBoolean();

    private CachedAnswer(CacheKey key, byte[] wire, List<EDNSOption> extendedErrors, int[] ttlOffsets, int rcode,
            boolean negative, int ttl, long storedAt, int staleTtl) {
        this.key = key;
        this.wire = wire;
        this.extendedErrors = extendedErrors;
        this.staleExtendedErrors = extendedErrors.isEmpty() ? STALE : concat(STALE, extendedErrors);
        this.ttlOffsets = ttlOffsets;
        this.rcode = rcode;
        this.negative = negative;
        this.ttl = ttl;
        this.storedAt = storedAt;
        this.freshUntil = storedAt + ttl * 1000L;
        this.staleUntil = freshUntil + staleTtl * 1000L;
    }

    /**
     * The answer to keep for a parsed upstream response and its bytes. Its TTL follows the policy: positive answers
     * the smallest clamped record TTL, negative ones (NXDOMAIN, NODATA) RFC 2308's min(SOA TTL, SOA minimum) capped
     * at negativeTtlMax; 0 (not worth keeping) for other rcodes, truncated answers and negatives without a SOA.
     * Null when the bytes are malformed or hold other records than dnsjava parsed from them.
     */
    public static CachedAnswer of(CacheKey key, Message response, byte[] bytes, CachePolicy policy, long now) {
        int[] offsets = WireRecords.ttlOffsets(bytes);
        if (offsets == null || offsets.length != records(response)) {
            return null;
        }
        byte[] wire = bytes.clone();
        wire[0] = 0;
        wire[1] = 0;
        int rcode = response.getRcode();
        boolean noAnswer = response.getHeader().getCount(Section.ANSWER) == 0;
        boolean negative = rcode == Rcode.NXDOMAIN || (rcode == Rcode.NOERROR && noAnswer);
        long lifetime;
        if (negative) {
            lifetime = negativeTtl(response, policy);
            for (int i = 0; lifetime >= 0 && i < offsets.length; i++) {
                WireRecords.putU32(wire, offsets[i], Math.min(WireRecords.u32(wire, offsets[i]), lifetime));
            }
        } else {
            lifetime = Long.MAX_VALUE;
            for (int offset : offsets) {
                long clamped = Math.clamp(WireRecords.u32(wire, offset), policy.minTtl(), policy.maxTtl());
                WireRecords.putU32(wire, offset, clamped);
                lifetime = Math.min(lifetime, clamped);
            }
            if (rcode != Rcode.NOERROR) {
                lifetime = 0;
            }
        }
        if (lifetime < 0 || lifetime == Long.MAX_VALUE || response.getHeader().getFlag(Flags.TC)) {
            lifetime = 0;
        }
        if (!sameRecords(wire, response)) {
            return null;
        }
        return new CachedAnswer(key, wire, extendedErrors(response), offsets, rcode, negative, (int) lifetime, now,
                policy.staleTtl());
    }

    private static List<EDNSOption> extendedErrors(Message response) {
        OPTRecord opt = response.getOPT();
        return opt == null ? List.of() : List.copyOf(opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR));
    }

    private static List<EDNSOption> concat(List<EDNSOption> first, List<EDNSOption> then) {
        List<EDNSOption> all = new java.util.ArrayList<>(first);
        all.addAll(then);
        return List.copyOf(all);
    }

    /**
     * The records dnsjava parsed, OPT aside. A truncated message may parse in part; when the walker saw other records
     * than dnsjava did, the bytes are not kept, or re-parsing the patched copy could yield records never checked.
     */
    private static int records(Message response) {
        int count = 0;
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record record : response.getSection(section)) {
                if (!(record instanceof OPTRecord)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** True when the patched bytes still parse to as many records (a name may point into a patched field). */
    private static boolean sameRecords(byte[] wire, Message response) {
        try {
            return records(DnsWire.parse(wire)) == records(response);
        } catch (IOException e) {
            return false;
        }
    }

    private static long negativeTtl(Message response, CachePolicy policy) {
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa) {
                return Math.min(Math.min(soa.getTTL(), soa.getMinimum()), policy.negativeTtlMax());
            }
        }
        return -1;
    }

    /**
     * The reply to {@code query} from this answer: the query's ID, question (with its letter case) and RD flag, the
     * records with their TTLs aged by the time since storing, or all set to {@code staleTtl} when serving stale
     * ({@code staleTtl} &lt; 0: fresh). The upstream's OPT record is replaced by ours when the query had one, carrying
     * the upstream's extended errors, and for a stale answer EDE 3, Stale Answer, first (RFC 8914 section 4.4).
     * Null when the aged bytes no longer parse: only a hostile upstream's compression pointer into a TTL field does
     * that (found by the fuzz target); the caller answers SERVFAIL and drops the answer.
     */
    public Message reply(Message query, long now, int staleTtl) {
        byte[] copy = wire.clone();
        long age = Math.max(0, (now - storedAt) / 1000);
        for (int offset : ttlOffsets) {
            long aged = staleTtl >= 0 ? staleTtl : Math.max(0, WireRecords.u32(copy, offset) - age);
            WireRecords.putU32(copy, offset, aged);
        }
        Message reply;
        try {
            reply = DnsWire.parse(copy);
        } catch (IOException e) {
            return null;
        }
        var header = reply.getHeader();
        header.setID(query.getHeader().getID());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        } else {
            header.unsetFlag(Flags.RD);
        }
        header.setFlag(Flags.RA);
        boolean dnssecOk = CacheKey.dnssecOk(query);
        if (!dnssecOk && !query.getHeader().getFlag(Flags.AD)) {
            header.unsetFlag(Flags.AD);
        }
        reply.removeAllRecords(Section.QUESTION);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        OPTRecord upstreamOpt = reply.getOPT();
        if (upstreamOpt != null) {
            reply.removeRecord(upstreamOpt, Section.ADDITIONAL);
        }
        if (query.getOPT() != null) {
            List<EDNSOption> options = staleTtl >= 0 ? staleExtendedErrors : extendedErrors;
            reply.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, dnssecOk ? ExtendedFlags.DO : 0, options),
                    Section.ADDITIONAL);
        }
        return reply;
    }

    public CacheKey key() {
        return key;
    }

    public int rcode() {
        return rcode;
    }

    public boolean negative() {
        return negative;
    }

    /** The answer's lifetime in seconds; 0 when it is not to be kept. */
    public int ttl() {
        return ttl;
    }

    public long storedAt() {
        return storedAt;
    }

    public boolean fresh(long now) {
        return now < freshUntil;
    }

    public boolean usableStale(long now) {
        return now < staleUntil;
    }

    /** Seconds of freshness left (negative once expired). */
    public long secondsLeft(long now) {
        return Math.floorDiv(freshUntil - now, 1000);
    }

    /** True in the last tenth of the answer's lifetime (Unbound's prefetch rule). */
    public boolean nearExpiry(long now) {
        return freshUntil - now < ttl * 100L;
    }

    public long hits() {
        return hits;
    }

    /** Marks a refresh of this answer as started; false when one already runs. */
    public boolean startRefresh() {
        return refreshing.compareAndSet(false, true);
    }

    public void endRefresh() {
        refreshing.set(false);
    }
}
