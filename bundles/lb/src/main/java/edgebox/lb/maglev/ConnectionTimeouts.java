package edgebox.lb.maglev;

import java.time.Duration;

/**
 * Idle timeouts of connection table entries, by protocol and TCP state. The box sees only the client's half of a
 * DSR flow, so a TCP entry is opening after the client's SYN, established once the client sends a segment
 * without SYN, and closing after the client's FIN or RST.
 *
 * @param tcpOpening     after a SYN, until the client's next segment
 * @param tcpEstablished an open TCP connection
 * @param tcpClosing     after a FIN or RST; shorter, so the 5-tuple is soon free for a new connection
 * @param udp            UDP and every protocol other than TCP
 */
public record ConnectionTimeouts(Duration tcpOpening, Duration tcpEstablished, Duration tcpClosing, Duration udp) {

    /** Cilium's conntrack defaults: bpf-ct-timeout-regular-tcp-syn 1 min, -tcp 6 h, -tcp-fin 10 s, -any 1 min. */
    public static final ConnectionTimeouts DEFAULTS = new ConnectionTimeouts(
            Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofSeconds(10), Duration.ofMinutes(1));

    public ConnectionTimeouts {
        positive("tcpOpening", tcpOpening);
        positive("tcpEstablished", tcpEstablished);
        positive("tcpClosing", tcpClosing);
        positive("udp", udp);
    }

    private static void positive(String field, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connection timeouts: " + field + ": must be positive, was " + timeout);
        }
    }
}
