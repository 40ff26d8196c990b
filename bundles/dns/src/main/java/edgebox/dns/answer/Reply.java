package edgebox.dns.answer;

import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * The outcome of one query: the response to send ({@code null}: send nothing), the largest UDP size the client
 * takes for it, what the query log and metrics need (the question as text, the source and its reason), how many
 * of the additional records must fit (in-domain glue, RFC 9471) for the reply to go out without TC, and whether the
 * reply may be kept and sent again to the same question ({@code keep}, null when not).
 */
public record Reply(Message response, int udpLimit, String name, String type, String source, String reason,
        int mandatoryAdditional, Keep keep) {

    /**
     * A reply that depends only on the question, the header bits and the chain of version {@code chainVersion} at
     * {@code epoch} ({@link Chain#epoch}, read before the answer was looked up); a {@code forwarded} one also on the
     * cache, so it is kept only while its TTLs last.
     */
    public record Keep(long chainVersion, long epoch, boolean forwarded) {
    }

    public Reply(Message response, int udpLimit, String name, String type, String source, String reason) {
        this(response, udpLimit, name, type, source, reason, 0, null);
    }

    public static Reply drop(String reason) {
        return new Reply(null, 0, "", "", "drop", reason);
    }

    public Reply withKeep(Keep k) {
        return new Reply(response, udpLimit, name, type, source, reason, mandatoryAdditional, k);
    }

    public int rcode() {
        return response == null ? -1 : response.getRcode();
    }

    /** What the metrics and the query log say of it; only for a reply with a response. */
    public Outcome outcome() {
        return new Outcome(name, type, rcode(), response.getHeader().getCount(Section.ANSWER), source, reason);
    }
}
