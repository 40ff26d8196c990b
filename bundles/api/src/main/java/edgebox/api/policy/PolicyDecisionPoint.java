package edgebox.api.policy;

import java.net.InetAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Consulted on the data paths, on event loops and packet threads: every method answers from precompiled state at
 * once, without blocking or I/O, and the address-as-numbers ones allocate nothing. The destination is where the
 * connection goes: a backend address the box forwards to, or one of the box's own addresses for its own services
 * (DNS, console, metrics, a proxy listener). {@code port} is the destination's port, {@code protocol} the IP
 * protocol number ({@link #TCP}, {@link #UDP}). {@code function} names the asking data path ({@code proxy},
 * {@code lb}, {@code dns}, {@code console}, {@code metrics}) for the verdict log and the counters. Audited
 * would-be denies answer as allowed; the decision point logs and counts them.
 */
@ProviderType
public interface PolicyDecisionPoint {

    int TCP = 6;
    int UDP = 17;

    /** A new IPv4 connection or flow; addresses big-endian. */
    Decision connection4(String function, int client, int destination, int protocol, int port);

    /** A new IPv6 connection or flow; each address as its first and last eight bytes, big-endian. */
    Decision connection6(String function, long clientHigh, long clientLow, long destinationHigh,
            long destinationLow, int protocol, int port);

    /** Either family, for callers that hold addresses as objects; an IPv4-mapped IPv6 address is read as IPv4. */
    Decision connection(String function, InetAddress client, InetAddress destination, int protocol, int port);

    /** An HTTP request on a TCP connection whose decision was {@link Decision#REQUESTS}. */
    Verdict request(HttpRequestInfo request);

    /**
     * A DNS question for {@code name} (absolute, lower case, with the final dot) to the box's resolver at
     * {@code server}, on a connection or datagram whose decision was {@link Decision#REQUESTS}: allowed when a
     * rule's {@code rules.dns} names or patterns cover the name.
     */
    Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port, String name);
}
