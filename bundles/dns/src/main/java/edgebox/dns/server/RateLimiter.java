package edgebox.dns.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Response rate limiting per client network (an IPv4 /24 or an IPv6 /56): at most {@code perSecond} UDP responses
 * per network and second; beyond that every {@code slip}-th response goes out truncated (TC set, so a real client
 * retries over TCP) and the rest are dropped; slip 0 drops them all. Networks {@code exempt} accepts are not limited.
 * One counter per network, updated by compare-and-set; the table is cleared when it grows past
 * {@value #MAX_NETWORKS} networks. The time comes from the caller.
 */
public final class RateLimiter {

    public enum Verdict { SEND, SLIP, DROP }

    static final int MAX_NETWORKS = 100_000;

    private final int perSecond;
    private final int slip;
    private final Predicate<InetAddress> exempt;
    private final ConcurrentHashMap<Long, AtomicLong> counters = new ConcurrentHashMap<>();

    /** {@code perSecond} 0 turns limiting off. */
    public RateLimiter(int perSecond, int slip, Predicate<InetAddress> exempt) {
        this.perSecond = perSecond;
        this.slip = slip;
        this.exempt = exempt;
    }

    public Verdict check(InetAddress client, long nanoTime) {
        if (perSecond <= 0 || exempt.test(client)) {
            return Verdict.SEND;
        }
        if (counters.size() > MAX_NETWORKS) {
            counters.clear();
        }
        AtomicLong c = counters.computeIfAbsent(network(client), k -> new AtomicLong());
        long second = nanoTime / 1_000_000_000L;
        long count = 0;
        for (int i = 0; i < 64; i++) {
            long v = c.get();
            long vs = v >>> 24;
            count = vs == (second & 0xff_ffff_ffffL) ? (v & 0xff_ffff) + 1 : 1;
            if (c.compareAndSet(v, ((second & 0xff_ffff_ffffL) << 24) | Math.min(count, 0xff_ffff))) {
                break;
            }
        }
        if (count <= perSecond) {
            return Verdict.SEND;
        }
        return slip > 0 && (count - perSecond) % slip == 0 ? Verdict.SLIP : Verdict.DROP;
    }

    static long network(InetAddress a) {
        byte[] b = a.getAddress();
        int n = b.length == 4 ? 3 : 7;
        long key = b.length == 4 ? 4 : 6;
        for (int i = 0; i < n; i++) {
            key = (key << 8) | (b[i] & 0xff);
        }
        return key;
    }
}
