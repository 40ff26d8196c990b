package edgebox.dns.answer;

import java.net.InetAddress;

import org.xbill.DNS.Name;

/**
 * One question as the answer sources see it: the name as the client wrote it (its case is echoed), the type, the
 * client's address and whether that client may have names forwarded (recursion).
 */
public record Query(Name name, int type, InetAddress client, boolean recursionAllowed) {

    /** The same question for another name: a CNAME target being chased. */
    public Query forName(Name other) {
        return new Query(other, type, client, recursionAllowed);
    }
}
