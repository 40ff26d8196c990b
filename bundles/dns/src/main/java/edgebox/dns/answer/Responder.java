package edgebox.dns.answer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import edgebox.api.policy.Decision;

/**
 * The protocol rules around the {@link Chain}: bytes in, a reply out. Checks the header first (responses are
 * dropped; unknown opcodes get NOTIMP, with an OPT when the query has one; anything that does not parse, has other
 * than one question, or more than one OPT or one outside the additional section, FORMERR),
 * then asks the network policy ({@link QueryPolicy}): a refused question gets REFUSED, with Extended DNS Error 18
 * (Prohibited, RFC 8914) when the query has EDNS, source {@value #NETWORK_POLICY}. Then EDNS versions above 0 get
 * BADVERS, classes other than IN and ANY (which matches IN, RFC 1035 section 3.2.5) and zone transfers are refused,
 * type ANY is answered with the RFC 8482 HINFO, and otherwise the chain answers. The reply echoes the ID, the
 * question as written (case included) and RD/CD, and carries an OPT record when the query had one. No I/O, no
 * clock; the transport decides sizes and sends.
 */
public final class Responder {

    static final int HEADER = 12;
    static final int PLAIN_UDP = 512;
    static final int BADVERS = 16;

    /** The answer source of the authoritative zones, which answer ANY themselves (RFC 8482 at names with data). */
    public static final String ZONES = "zone";

    /** The answer source of questions the network policy refuses, in the metrics and the query log. */
    public static final String NETWORK_POLICY = "network-policy";

    private static final List<EDNSOption> PROHIBITED = List.of(
            new ExtendedErrorCodeOption(ExtendedErrorCodeOption.PROHIBITED));

    private final Supplier<Chain> chain;
    private final int udpPayload;
    private final QueryPolicy policy;

    /** {@code udpPayload}: the EDNS0 UDP size the server offers and honours at most (1232 by default). */
    public Responder(Supplier<Chain> chain, int udpPayload, QueryPolicy policy) {
        this.chain = chain;
        this.udpPayload = udpPayload;
        this.policy = policy;
    }

    /** The chain answering now. */
    public Chain chain() {
        return chain.get();
    }

    /** The network policy asked for every question. */
    public QueryPolicy policy() {
        return policy;
    }

    public CompletableFuture<Reply> respond(byte[] wire, InetAddress client, Arrival arrival) {
        return respond(wire, client, arrival, null);
    }

    /** {@code decided}: the network policy's connection decision for this query when asked already, else null. */
    public CompletableFuture<Reply> respond(byte[] wire, InetAddress client, Arrival arrival, Decision decided) {
        if (wire.length < HEADER) {
            return done(Reply.drop("shorter than a header (" + wire.length + " bytes)"));
        }
        Header header;
        try {
            header = new Header(java.util.Arrays.copyOf(wire, HEADER));
        } catch (IOException e) {
            return done(Reply.drop("header does not parse"));
        }
        if (header.getFlag(Flags.QR)) {
            return done(Reply.drop("a response, not a query"));
        }
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException | RuntimeException e) {
            return done(headerOnly(header, Rcode.FORMERR, "does not parse: " + e.getMessage()));
        }
        String misplaced = misplacedOpt(query);
        if (misplaced != null) {
            return done(headerOnly(header, Rcode.FORMERR, misplaced, null));
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return done(headerOnly(header, Rcode.NOTIMP, "opcode " + Opcode.string(header.getOpcode()),
                    query.getOPT()));
        }
        if (query.getSection(Section.QUESTION).size() != 1) {
            return done(headerOnly(header, Rcode.FORMERR,
                    query.getSection(Section.QUESTION).size() + " questions, one expected", query.getOPT()));
        }
        return question(query, client, arrival, decided);
    }

    private CompletableFuture<Reply> question(Message query, InetAddress client, Arrival arrival, Decision decided) {
        Record q = query.getQuestion();
        Chain c = chain.get();
        long epoch = c.epoch();
        boolean ra = c.forwards() && c.recursionAllowed(client);
        String refusal = policy.refusal(client, arrival, q.getName(), decided);
        if (refusal != null) {
            return done(reply(query, Answer.error(Rcode.REFUSED, NETWORK_POLICY, refusal), ra, PROHIBITED));
        }
        OPTRecord opt = query.getOPT();
        if (opt != null && opt.getVersion() > 0) {
            return done(reply(query, Answer.error(BADVERS, "protocol", "EDNS version " + opt.getVersion()), ra));
        }
        if (q.getDClass() != DClass.IN && q.getDClass() != DClass.ANY) {
            return done(reply(query, Answer.error(Rcode.REFUSED, "protocol",
                    "class " + DClass.string(q.getDClass()) + " not served"), ra));
        }
        int type = q.getType();
        if (type == Type.AXFR || type == Type.IXFR) {
            return done(reply(query, Answer.error(Rcode.REFUSED, "protocol", "zone transfers are not served"), ra));
        }
        if (type == 0) {
            return done(reply(query, Answer.error(Rcode.NOTIMP, "protocol", "type 0 is reserved"), ra));
        }
        if (type == Type.OPT || type == Type.TSIG || type == Type.TKEY) {
            return done(reply(query, Answer.error(Rcode.FORMERR, "protocol", Type.string(type) + " as a question"),
                    ra));
        }
        Query question = new Query(q.getName(), type, client, c.recursionAllowed(client));
        if (type == Type.ANY) {
            return done(reply(query, any(c, question), ra).withKeep(new Reply.Keep(c.version(), epoch, false)));
        }
        return c.resolve(question, query).handle((a, failure) -> failure == null
                ? reply(query, a, ra).withKeep(keep(c, epoch, question, query, a))
                : reply(query, Answer.error(Rcode.SERVFAIL, "error", failure.toString()), ra));
    }

    /**
     * Whether the reply to this question may be sent again as it is: a local answer that never asked the forwarder,
     * or a forwarded one from the cache (CD clear, NOERROR or NXDOMAIN, no extended error: a stale answer is not).
     */
    private static Reply.Keep keep(Chain c, long epoch, Query question, Message query, Answer a) {
        Message up = a.upstream();
        if (up == null) {
            return c.answersLocally(question) ? new Reply.Keep(c.version(), epoch, false) : null;
        }
        boolean plain = !query.getHeader().getFlag(Flags.CD) && a.ede() < 0
                && (up.getRcode() == Rcode.NOERROR || up.getRcode() == Rcode.NXDOMAIN)
                && (up.getOPT() == null || up.getOPT().getOptions().isEmpty());
        return plain ? new Reply.Keep(c.version(), epoch, true) : null;
    }

    /**
     * RFC 8482: one synthesized HINFO instead of every RRset, for names a local source claims (its NXDOMAIN stays one;
     * a zone answers ANY itself, so its empty non-terminals get NODATA) and, for clients allowed recursion, any other
     * name; the rest are refused like any forwarded name.
     */
    static Answer any(Chain c, Query question) {
        Answer zone = c.local(question);
        if (zone != null && !zone.yielding() && ZONES.equals(zone.source())) {
            return zone;
        }
        Answer local = c.local(new Query(question.name(), Type.A, question.client(), question.recursionAllowed()));
        if (local != null && local.rcode() == Rcode.NXDOMAIN) {
            return local;
        }
        if (local == null && !question.recursionAllowed()) {
            return Answer.error(Rcode.REFUSED, "policy",
                    "recursion not allowed for " + question.client().getHostAddress());
        }
        HINFORecord hinfo = new HINFORecord(question.name(), DClass.IN, 3600, "RFC8482", "");
        return Answer.records(local == null ? "protocol" : local.source(), "ANY answered with HINFO (RFC 8482)",
                List.of(hinfo), local != null && local.authoritative());
    }

    private Reply reply(Message query, Answer a, boolean recursion) {
        return reply(query, a, recursion, List.of());
    }

    /** {@code options}: the EDNS options the reply's OPT record carries when the query has one. */
    private Reply reply(Message query, Answer a, boolean recursion, List<EDNSOption> options) {
        Message r = new Message(query.getHeader().getID());
        Header h = r.getHeader();
        h.setFlag(Flags.QR);
        copyFlag(query, h, Flags.RD);
        copyFlag(query, h, Flags.CD);
        Record q = query.getQuestion();
        if (recursion) {
            h.setFlag(Flags.RA);
        }
        if (a.authoritative()) {
            h.setFlag(Flags.AA);
        }
        r.addRecord(q, Section.QUESTION);
        Message up = a.upstream();
        if (up != null) {
            if (up.getHeader().getFlag(Flags.AD)) {
                h.setFlag(Flags.AD);
            }
            h.setFlag(Flags.RA);
            copy(up, r, Section.ANSWER);
            copy(up, r, Section.AUTHORITY);
            copy(up, r, Section.ADDITIONAL);
        } else {
            a.answers().forEach(rec -> r.addRecord(rec, Section.ANSWER));
            a.authority().forEach(rec -> r.addRecord(rec, Section.AUTHORITY));
            a.additional().forEach(rec -> r.addRecord(rec, Section.ADDITIONAL));
        }
        h.setRcode(a.rcode() & 0xF);
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            options = withExtendedErrors(options, a);
        }
        int limit = PLAIN_UDP;
        if (opt != null) {
            boolean dnssecOk = (opt.getFlags() & org.xbill.DNS.ExtendedFlags.DO) != 0;
            r.addRecord(new OPTRecord(udpPayload, a.rcode() >> 4, 0, dnssecOk ? org.xbill.DNS.ExtendedFlags.DO : 0,
                    options), Section.ADDITIONAL);
            limit = Math.max(PLAIN_UDP, Math.min(opt.getPayloadSize(), udpPayload));
        }
        return new Reply(r, limit, q.getName().toString(), Type.string(q.getType()), a.source(), a.reason(),
                up == null ? a.mandatory() : 0, null);
    }

    /** {@code options} with the answer's extended error and those of the upstream's reply (a stale answer's). */
    private static List<EDNSOption> withExtendedErrors(List<EDNSOption> options, Answer a) {
        OPTRecord upstreamOpt = a.upstream() == null ? null : a.upstream().getOPT();
        List<EDNSOption> carried = upstreamOpt == null ? List.of()
                : upstreamOpt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        if (a.ede() < 0 && carried.isEmpty()) {
            return options;
        }
        List<EDNSOption> all = new ArrayList<>(options);
        if (a.ede() >= 0) {
            all.add(new ExtendedErrorCodeOption(a.ede()));
        }
        all.addAll(carried);
        return all;
    }

    private static void copy(Message from, Message to, int section) {
        for (Record rec : from.getSection(section)) {
            if (rec.getType() != Type.OPT) {
                to.addRecord(rec, section);
            }
        }
    }

    private static void copyFlag(Message query, Header h, int flag) {
        if (query.getHeader().getFlag(flag)) {
            h.setFlag(flag);
        }
    }

    /**
     * RFC 6891 section 6.1.1: one OPT at most, and only in the additional section; otherwise FORMERR (answered
     * without OPT, as the query's EDNS cannot be trusted). Scans only when the counts allow a misplaced OPT.
     */
    static String misplacedOpt(Message query) {
        Header h = query.getHeader();
        if (h.getCount(Section.ADDITIONAL) < 2 && h.getCount(Section.ANSWER) == 0
                && h.getCount(Section.AUTHORITY) == 0) {
            return null;
        }
        int inAdditional = 0;
        for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
            for (Record r : query.getSection(section)) {
                if (r.getType() != Type.OPT) {
                    continue;
                }
                if (section != Section.ADDITIONAL) {
                    return "OPT record in the " + Section.longString(section) + " section";
                }
                inAdditional++;
            }
        }
        return inAdditional > 1 ? inAdditional + " OPT records, one allowed (RFC 6891)" : null;
    }

    /** A reply without question; it carries an OPT when {@code opt} (the query's) is not null (RFC 6891 section 7). */
    private Reply headerOnly(Header query, int rcode, String reason, OPTRecord opt) {
        Message r = new Message(query.getID());
        Header h = r.getHeader();
        h.setFlag(Flags.QR);
        if (query.getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        h.setOpcode(query.getOpcode());
        h.setRcode(rcode);
        if (opt != null) {
            r.addRecord(new OPTRecord(udpPayload, 0, 0, 0), Section.ADDITIONAL);
        }
        return new Reply(r, PLAIN_UDP, "", "", "protocol", reason);
    }

    private Reply headerOnly(Header query, int rcode, String reason) {
        return headerOnly(query, rcode, reason, null);
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }
}
