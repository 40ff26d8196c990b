package edgebox.dns.answer;

import org.xbill.DNS.Message;

/**
 * The outcome of one query: the response to send ({@code null}: send nothing), the largest UDP size the client
 * takes for it, what the query log and metrics need (the question as text, the source and its reason), and how many
 * of the additional records must fit (in-domain glue, RFC 9471) for the reply to go out without TC.
 */
public record Reply(Message response, int udpLimit, String name, String type, String source, String reason,
        int mandatoryAdditional) {

    public Reply(Message response, int udpLimit, String name, String type, String source, String reason) {
        this(response, udpLimit, name, type, source, reason, 0);
    }

    public static Reply drop(String reason) {
        return new Reply(null, 0, "", "", "drop", reason);
    }

    public int rcode() {
        return response == null ? -1 : response.getRcode();
    }
}
