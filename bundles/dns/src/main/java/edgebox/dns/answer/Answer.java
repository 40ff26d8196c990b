package edgebox.dns.answer;

import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * What one source says to a query: the rcode, the answer and authority records, whether it speaks with authority,
 * and which source answered and why ({@code dns:query} and the query log show both). {@code chase} is a CNAME target
 * the chain resolves next; {@code yielding} marks a negative answer later local sources may override (a name
 * missing from a zone may still be a route hostname or a rewrite); {@code upstream} is the forwarder's message when
 * the answer came from it. {@code additional} goes to the additional section; its first {@code mandatory} records
 * (in-domain glue) must fit in the reply or the reply is truncated. {@code ede} is the RFC 8914 extended error code
 * the reply's OPT record carries (when the query has one), -1 for none.
 */
public record Answer(int rcode, List<Record> answers, List<Record> authority, boolean authoritative, String source,
        String reason, Name chase, boolean yielding, Message upstream, List<Record> additional, int mandatory,
        int ede) {

    public Answer {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /** Without additional records. */
    public Answer(int rcode, List<Record> answers, List<Record> authority, boolean authoritative, String source,
            String reason, Name chase, boolean yielding, Message upstream) {
        this(rcode, answers, authority, authoritative, source, reason, chase, yielding, upstream, List.of(), 0, -1);
    }

    /**
     * A referral (RFC 1034 section 4.3.2 step 3b): the delegation's NS records in authority, without AA; the first
     * {@code mandatory} of {@code glue} are in-domain glue, which must fit or the reply is truncated (RFC 9471).
     */
    public static Answer referral(String source, String reason, List<Record> ns, List<Record> glue, int mandatory) {
        return new Answer(Rcode.NOERROR, List.of(), ns, false, source, reason, null, false, null, glue, mandatory,
                -1);
    }

    /** Records with the addresses of their targets (NS, MX, SRV) in the additional section. */
    public static Answer records(String source, String reason, List<Record> answers, List<Record> additional,
            boolean authoritative) {
        return new Answer(Rcode.NOERROR, answers, List.of(), authoritative, source, reason, null, false, null,
                additional, 0, -1);
    }

    public static Answer records(String source, String reason, List<Record> answers, boolean authoritative) {
        return new Answer(Rcode.NOERROR, answers, List.of(), authoritative, source, reason, null, false, null);
    }

    /** NOERROR without records for the type: the name exists (RFC 2308 NODATA); {@code soa} may be null. */
    public static Answer noData(String source, String reason, Record soa, boolean authoritative) {
        return new Answer(Rcode.NOERROR, List.of(), soa == null ? List.of() : List.of(soa), authoritative, source,
                reason, null, false, null);
    }

    public static Answer nxDomain(String source, String reason, Record soa, boolean authoritative) {
        return new Answer(Rcode.NXDOMAIN, List.of(), soa == null ? List.of() : List.of(soa), authoritative, source,
                reason, null, false, null);
    }

    public static Answer error(int rcode, String source, String reason) {
        return new Answer(rcode, List.of(), List.of(), false, source, reason, null, false, null);
    }

    /** A CNAME (in {@code answers}) whose target the chain resolves next. */
    public static Answer cname(String source, String reason, List<Record> answers, Name target, boolean authoritative) {
        return new Answer(Rcode.NOERROR, answers, List.of(), authoritative, source, reason, target, false, null);
    }

    public Answer asYielding() {
        return new Answer(rcode, answers, authority, authoritative, source, reason, chase, true, upstream, additional,
                mandatory, ede);
    }

    /** This answer with RFC 8914 extended error {@code code} (an {@code ExtendedErrorCodeOption} constant). */
    public Answer withEde(int code) {
        return new Answer(rcode, answers, authority, authoritative, source, reason, chase, yielding, upstream,
                additional, mandatory, code);
    }

    /** This CNAME answer followed by what its target resolved to: the target's rcode and authority win (RFC 6604). */
    public Answer followedBy(Answer target) {
        List<Record> all = new ArrayList<>(answers);
        all.addAll(target.answers);
        return new Answer(target.rcode, all, target.authority, authoritative && target.authoritative, source,
                reason + "; " + target.source + ": " + target.reason, null, false, null, target.additional,
                target.mandatory, target.ede);
    }

    public boolean negative() {
        return rcode == Rcode.NXDOMAIN || (rcode == Rcode.NOERROR && answers.isEmpty());
    }
}
