package edgebox.lb.neigh;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MAC addresses of the neighbours a port forwards to (backends and next hops), with what the resolver needs
 * to refresh them: when each was last confirmed, when to ask next and how often it has asked this round. Targets
 * are fixed per forwarding table ({@link #track}); lookups by slot and learning allocate nothing. IPv4 addresses
 * are held IPv4-mapped ({@link IpAddress}). Not thread-safe: the port's thread owns it.
 */
public final class NeighbourCache {

    public static final long UNRESOLVED = -1;
    public static final int NONE = -1;

    private final long reachableNanos;
    private long[] high = new long[0];
    private long[] low = new long[0];
    private long[] mac = new long[0];
    private long[] confirmedAt = new long[0];
    private long[] nextProbeAt = new long[0];
    private int[] tries = new int[0];
    private int[] source = new int[0];
    private int count;

    /** A MAC confirmed longer than {@code reachableNanos} ago is stale: still used, and asked again. */
    public NeighbourCache(long reachableNanos) {
        if (reachableNanos <= 0) {
            throw new IllegalArgumentException("neighbour cache: reachable time: must be positive, was "
                    + reachableNanos + " ns");
        }
        this.reachableNanos = reachableNanos;
    }

    /**
     * Makes {@code targets} (high, low pairs) the only neighbours held, target i in slot i, keeping what is known
     * about those held before; {@code sources[i]} is the index of the port address target i is asked from, or {@link #NONE}. A new
     * target is due to be asked at {@code now}.
     */
    public void track(List<long[]> targets, int[] sources, long now) {
        int n = targets.size();
        long[] h = new long[n];
        long[] l = new long[n];
        long[] m = new long[n];
        long[] c = new long[n];
        long[] p = new long[n];
        int[] t = new int[n];
        Arrays.fill(m, UNRESOLVED);
        Map<List<Long>, Integer> before = new HashMap<>();
        for (int i = 0; i < count; i++) {
            before.put(List.of(high[i], low[i]), i);
        }
        for (int i = 0; i < n; i++) {
            h[i] = targets.get(i)[0];
            l[i] = targets.get(i)[1];
            int old = before.getOrDefault(List.of(h[i], l[i]), NONE);
            p[i] = now;
            if (old != NONE) {
                m[i] = mac[old];
                c[i] = confirmedAt[old];
                p[i] = nextProbeAt[old];
                t[i] = tries[old];
            }
        }
        high = h;
        low = l;
        mac = m;
        confirmedAt = c;
        nextProbeAt = p;
        tries = t;
        source = sources.clone();
        count = n;
    }

    /** The slot of a tracked neighbour, or {@link #NONE}. A scan: for table installs and replies, not per frame. */
    public int slot(long h, long l) {
        for (int i = 0; i < count; i++) {
            if (low[i] == l && high[i] == h) {
                return i;
            }
        }
        return NONE;
    }

    /**
     * The neighbour's MAC, or {@link #UNRESOLVED} when none was ever learnt. A MAC not confirmed within the reachable
     * time stays in use while it is asked again (Linux's STALE state): under a flood the answers to the refresh may be
     * lost among the frames, and dropping the backend's traffic then would turn overload into an outage. A new answer
     * or a gratuitous ARP replaces it.
     */
    public long mac(int slot, long now) {
        return mac[slot];
    }

    /** Whether the MAC was learnt but not confirmed within the reachable time. */
    public boolean stale(int slot, long now) {
        return mac[slot] != UNRESOLVED && now - confirmedAt[slot] >= reachableNanos;
    }

    /** Records a reply; returns false when the address is not tracked (nothing is learnt about strangers). */
    public boolean learn(long h, long l, long macAddress, long now, long refreshAt) {
        int s = slot(h, l);
        if (s == NONE) {
            return false;
        }
        mac[s] = macAddress;
        confirmedAt[s] = now;
        tries[s] = 0;
        nextProbeAt[s] = refreshAt;
        return true;
    }

    public int size() {
        return count;
    }

    public long high(int slot) {
        return high[slot];
    }

    public long low(int slot) {
        return low[slot];
    }

    public int source(int slot) {
        return source[slot];
    }

    /** The last MAC learnt, however old. */
    public long lastMac(int slot) {
        return mac[slot];
    }

    public long confirmedAt(int slot) {
        return confirmedAt[slot];
    }

    public long nextProbeAt(int slot) {
        return nextProbeAt[slot];
    }

    public int tries(int slot) {
        return tries[slot];
    }

    void probed(int slot, int triesNow, long next) {
        tries[slot] = triesNow;
        nextProbeAt[slot] = next;
    }

    public long reachableNanos() {
        return reachableNanos;
    }
}
