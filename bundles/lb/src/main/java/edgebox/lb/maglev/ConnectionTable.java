package edgebox.lb.maglev;

import java.util.function.IntPredicate;

/**
 * The connection table that keeps an established flow on its backend when the Maglev table changes: bounded,
 * least-recently-used eviction, idle timeouts per protocol and TCP state ({@link ConnectionTimeouts}), TCP-flags
 * aware. The time is passed in as nanoseconds on one monotonic clock (such as System.nanoTime).
 *
 * <p>Storage is primitive arrays only: an open-addressing index (linear probing, backward-shift deletion) over a
 * fixed pool of entries that hold the 5-tuple, the backend, the TCP state, the expiry and the links of the LRU
 * list. Lookups and inserts allocate nothing. IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d).
 *
 * <p>Not thread-safe: one data-path thread owns a table, and runs {@link #expire} on it too.
 *
 * <p>The data path calls {@link #lookup}; on {@link #NONE} it picks a backend from the Maglev table and calls
 * {@link #insert}. Backends are numbered by the caller, with numbers that stay the same while a backend exists.
 */
public final class ConnectionTable {

    /** No entry: the caller picks a backend. */
    public static final int NONE = -1;

    public static final int TCP = 6;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    private static final byte OPENING = 0;
    private static final byte ESTABLISHED = 1;
    private static final byte CLOSING = 2;
    private static final byte NOT_TCP = 3;
    private static final byte FREE = 4;

    private static final long IPV4_MAPPED = 0x0000FFFF00000000L;
    private static final long INDEX_SEED = 0x2545F4914F6CDD1DL;

    private final int capacity;
    private final long[] timeoutNanos = new long[4];
    private final int[] index;
    private final int mask;

    private final long[] hash;
    private final long[] srcHigh;
    private final long[] srcLow;
    private final long[] dstHigh;
    private final long[] dstLow;
    private final long[] ports;
    private final long[] expiresAt;
    private final byte[] state;
    private final int[] backend;
    private final int[] newer;
    private final int[] older;
    private final int[] free;

    private int freeCount;
    private int newest = NONE;
    private int oldest = NONE;
    private int size;
    private long evictions;
    private long expirations;
    private long backendsGone;
    private int sweepCursor;

    public ConnectionTable(int capacity, ConnectionTimeouts timeouts) {
        if (capacity < 1 || capacity > 1 << 28) {
            throw new IllegalArgumentException("connection table: capacity: must be 1 to " + (1 << 28)
                    + ", was " + capacity);
        }
        this.capacity = capacity;
        timeoutNanos[OPENING] = timeouts.tcpOpening().toNanos();
        timeoutNanos[ESTABLISHED] = timeouts.tcpEstablished().toNanos();
        timeoutNanos[CLOSING] = timeouts.tcpClosing().toNanos();
        timeoutNanos[NOT_TCP] = timeouts.udp().toNanos();
        index = new int[Integer.highestOneBit(capacity) << 2];
        mask = index.length - 1;
        hash = new long[capacity];
        srcHigh = new long[capacity];
        srcLow = new long[capacity];
        dstHigh = new long[capacity];
        dstLow = new long[capacity];
        ports = new long[capacity];
        expiresAt = new long[capacity];
        state = new byte[capacity];
        backend = new int[capacity];
        newer = new int[capacity];
        older = new int[capacity];
        free = new int[capacity];
        for (int e = 0; e < capacity; e++) {
            free[e] = capacity - 1 - e;
            state[e] = FREE;
        }
        freeCount = capacity;
    }

    /** {@link #lookup(long, long, long, long, int, int, int, int, long, IntPredicate)} for an IPv4 flow. */
    public int lookup(int srcIp, int dstIp, int srcPort, int dstPort, int protocol, int tcpFlags, long now,
                      IntPredicate backendLive) {
        return lookup(0, IPV4_MAPPED | (srcIp & 0xFFFFFFFFL), 0, IPV4_MAPPED | (dstIp & 0xFFFFFFFFL),
                srcPort, dstPort, protocol, tcpFlags, now, backendLive);
    }

    /**
     * The backend of a known flow, or {@link #NONE}. A hit refreshes the entry (LRU order, idle timeout) and
     * follows the TCP flags: FIN or RST make it closing, with the shorter timeout. The entry is dropped, and NONE
     * returned so the caller picks again, when it has expired, when its backend is no longer live, or when a SYN
     * (without ACK) opens a new connection on a closing entry.
     */
    public int lookup(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol,
                      int tcpFlags, long now, IntPredicate backendLive) {
        long portWord = FlowHash.ports(srcPort, dstPort, protocol);
        long h = FlowHash.hash(INDEX_SEED, srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol);
        int e = find(h, srcHi, srcLo, dstHi, dstLo, portWord);
        if (e == NONE) {
            return NONE;
        }
        if (now - expiresAt[e] >= 0) {
            expirations++;
            remove(e);
            return NONE;
        }
        if (!backendLive.test(backend[e])) {
            backendsGone++;
            remove(e);
            return NONE;
        }
        if (state[e] == CLOSING && (tcpFlags & (SYN | ACK)) == SYN) {
            remove(e);
            return NONE;
        }
        state[e] = next(state[e], tcpFlags);
        touch(e, now);
        return backend[e];
    }

    /**
     * The backend of a known, unexpired flow, or {@link #NONE}, without touching the entry: for packets that name a
     * flow without being part of it (an ICMP error about it).
     */
    public int peek(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol, long now) {
        long portWord = FlowHash.ports(srcPort, dstPort, protocol);
        long h = FlowHash.hash(INDEX_SEED, srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol);
        int e = find(h, srcHi, srcLo, dstHi, dstLo, portWord);
        return e == NONE || now - expiresAt[e] >= 0 ? NONE : backend[e];
    }

    /** {@link #peek(long, long, long, long, int, int, int, long)} for an IPv4 flow. */
    public int peek(int srcIp, int dstIp, int srcPort, int dstPort, int protocol, long now) {
        return peek(0, IPV4_MAPPED | (srcIp & 0xFFFFFFFFL), 0, IPV4_MAPPED | (dstIp & 0xFFFFFFFFL),
                srcPort, dstPort, protocol, now);
    }

    /** {@link #insert(long, long, long, long, int, int, int, int, int, long)} for an IPv4 flow. */
    public void insert(int srcIp, int dstIp, int srcPort, int dstPort, int protocol, int tcpFlags, int backendNumber,
                       long now) {
        insert(0, IPV4_MAPPED | (srcIp & 0xFFFFFFFFL), 0, IPV4_MAPPED | (dstIp & 0xFFFFFFFFL),
                srcPort, dstPort, protocol, tcpFlags, backendNumber, now);
    }

    /**
     * Remembers the backend picked for a flow, as its newest entry. When the table is full the least recently used
     * entry makes room (an expiration if it had expired, else an eviction).
     */
    public void insert(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol,
                       int tcpFlags, int backendNumber, long now) {
        long portWord = FlowHash.ports(srcPort, dstPort, protocol);
        long h = FlowHash.hash(INDEX_SEED, srcHi, srcLo, dstHi, dstLo, srcPort, dstPort, protocol);
        int e = find(h, srcHi, srcLo, dstHi, dstLo, portWord);
        if (e == NONE) {
            if (freeCount == 0) {
                if (now - expiresAt[oldest] >= 0) {
                    expirations++;
                } else {
                    evictions++;
                }
                remove(oldest);
            }
            e = free[--freeCount];
            hash[e] = h;
            srcHigh[e] = srcHi;
            srcLow[e] = srcLo;
            dstHigh[e] = dstHi;
            dstLow[e] = dstLo;
            ports[e] = portWord;
            addToIndex(e);
            linkNewest(e);
            size++;
        }
        backend[e] = backendNumber;
        state[e] = protocol != TCP ? NOT_TCP : (tcpFlags & (SYN | ACK)) == SYN ? OPENING : ESTABLISHED;
        state[e] = next(state[e], tcpFlags);
        touch(e, now);
    }

    /** Drops every expired entry; returns how many. Walks the whole table: for a periodic sweep, not per packet. */
    public int expire(long now) {
        int dropped = 0;
        for (int e = oldest; e != NONE; ) {
            int newerEntry = newer[e];
            if (now - expiresAt[e] >= 0) {
                remove(e);
                dropped++;
            }
            e = newerEntry;
        }
        expirations += dropped;
        return dropped;
    }

    /**
     * Drops the expired entries among the next {@code limit} slots of the entry pool, continuing where the last
     * call stopped, so a periodic sweep does bounded work per call; returns how many it dropped.
     */
    public int expire(long now, int limit) {
        int dropped = 0;
        for (int n = Math.min(limit, capacity); n > 0; n--) {
            int e = sweepCursor;
            sweepCursor = e + 1 == capacity ? 0 : e + 1;
            if (state[e] != FREE && now - expiresAt[e] >= 0) {
                remove(e);
                dropped++;
            }
        }
        expirations += dropped;
        return dropped;
    }

    /**
     * Shows up to {@code limit} unexpired entries to {@code visitor}, newest first; returns how many. For
     * inspection, not per packet. Addresses are given as stored (IPv4 as ::ffff:a.b.c.d).
     */
    public int visit(int limit, long now, EntryVisitor visitor) {
        int shown = 0;
        for (int e = newest; e != NONE && shown < limit; e = older[e]) {
            if (now - expiresAt[e] < 0) {
                long p = ports[e];
                visitor.entry(srcHigh[e], srcLow[e], dstHigh[e], dstLow[e], (int) (p >>> 32) & 0xFFFF,
                        (int) (p >>> 16) & 0xFFFF, (int) p & 0xFF, backend[e], expiresAt[e] - now);
                shown++;
            }
        }
        return shown;
    }

    /** Receives the entries {@link #visit} shows. */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol,
                   int backendNumber, long nanosLeft);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Entries dropped to make room for a new flow before they expired. */
    public long evictions() {
        return evictions;
    }

    /** Entries dropped because their idle timeout had passed. */
    public long expirations() {
        return expirations;
    }

    /** Entries dropped because their backend was no longer live. */
    public long backendsGone() {
        return backendsGone;
    }

    private byte next(byte current, int tcpFlags) {
        if (current == NOT_TCP || current == CLOSING) {
            return current;
        }
        if ((tcpFlags & (FIN | RST)) != 0) {
            return CLOSING;
        }
        return (tcpFlags & SYN) == 0 ? ESTABLISHED : current;
    }

    private void touch(int e, long now) {
        expiresAt[e] = now + timeoutNanos[state[e]];
        if (e != newest) {
            unlink(e);
            linkNewest(e);
        }
    }

    private int find(long h, long srcHi, long srcLo, long dstHi, long dstLo, long portWord) {
        for (int i = home(h); ; i = (i + 1) & mask) {
            int e = index[i] - 1;
            if (e == NONE) {
                return NONE;
            }
            if (hash[e] == h && ports[e] == portWord && srcLow[e] == srcLo && dstLow[e] == dstLo
                    && srcHigh[e] == srcHi && dstHigh[e] == dstHi) {
                return e;
            }
        }
    }

    private int home(long h) {
        return (int) (h >>> 32) & mask;
    }

    private void addToIndex(int e) {
        int i = home(hash[e]);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = e + 1;
    }

    private void remove(int e) {
        int hole = home(hash[e]);
        while (index[hole] != e + 1) {
            hole = (hole + 1) & mask;
        }
        index[hole] = 0;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int wanted = home(hash[index[j] - 1]);
            boolean staysPut = hole <= j ? hole < wanted && wanted <= j : hole < wanted || wanted <= j;
            if (!staysPut) {
                index[hole] = index[j];
                index[j] = 0;
                hole = j;
            }
        }
        unlink(e);
        state[e] = FREE;
        free[freeCount++] = e;
        size--;
    }

    private void linkNewest(int e) {
        older[e] = newest;
        newer[e] = NONE;
        if (newest != NONE) {
            newer[newest] = e;
        } else {
            oldest = e;
        }
        newest = e;
    }

    private void unlink(int e) {
        if (older[e] != NONE) {
            newer[older[e]] = newer[e];
        } else {
            oldest = newer[e];
        }
        if (newer[e] != NONE) {
            older[newer[e]] = older[e];
        } else {
            newest = older[e];
        }
    }
}
