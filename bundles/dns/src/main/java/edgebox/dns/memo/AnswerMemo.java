package edgebox.dns.memo;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import edgebox.dns.answer.Arrival;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Reply;
import edgebox.dns.cache.WireRecords;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The replies of the chain in use, kept in wire form so a plain query asked again is answered without parsing or
 * encoding: local answers for as long as the chain and the forwarder's cache are in use, forwarded ones until their
 * shortest TTL nears its end (at most {@value #FORWARDED_MAX_MILLIS} ms, so the cache's prefetch and limits still see
 * the name) or the cache is flushed. A new chain starts an empty memo. At most {@value #CAPACITY} replies and
 * {@value #MAX_BYTES} bytes of them; a full memo starts over, so a flood of random names costs the slow path, never
 * memory. The network policy is the caller's to ask.
 */
public final class AnswerMemo {

    static final int CAPACITY = 65_536;
    static final long MAX_BYTES = 16L << 20;
    private static final int ENTRY_OVERHEAD = 160;
    static final long FORWARDED_MAX_MILLIS = 60_000;
    private static final int MIN_TTL = 2;
    private static final int[] NO_OFFSETS = {};

    /** The replies of one chain. */
    private record Generation(Chain chain, ConcurrentHashMap<MemoKey, Memoized> replies, AtomicInteger size,
            AtomicLong bytes) {
    }

    /** A kept reply for one query. */
    public record Hit(ByteBuf query, WireQuestion question, Memoized memoized) {

        public int id() {
            return question.id();
        }

        public edgebox.dns.answer.Outcome outcome() {
            return memoized.outcome();
        }

        public ByteBuf reply(io.netty.buffer.ByteBufAllocator alloc, long now) {
            return memoized.reply(query, question, alloc, now);
        }

        public ByteBuf truncated(io.netty.buffer.ByteBufAllocator alloc) {
            return memoized.truncated(query, question, alloc);
        }
    }

    private final Supplier<Chain> chains;
    private volatile Generation current;

    public AnswerMemo(Supplier<Chain> chains) {
        this.chains = chains;
    }

    /** The kept reply for {@code query}, or null: the responder answers it. */
    public Hit find(ByteBuf query, InetAddress client, Arrival arrival, long now) {
        Chain chain = chains.get();
        if (chain == null) {
            return null;
        }
        Generation g = generation(chain);
        if (g.size.get() == 0) {
            return null;
        }
        WireQuestion q = WireQuestion.read(query);
        if (q == null) {
            return null;
        }
        Memoized m = g.replies.get(key(query, q, chain, client, arrival));
        if (m == null || !m.valid(now, chain.epoch())) {
            return null;
        }
        return new Hit(query, q, m);
    }

    /** Keeps {@code wire}, the reply the responder built for {@code query}, when the reply says it may be kept. */
    public void remember(byte[] query, InetAddress client, Arrival arrival, Reply reply, byte[] wire, long now) {
        Reply.Keep keep = reply.keep();
        Chain chain = chains.get();
        if (keep == null || chain == null || chain.version() != keep.chainVersion()) {
            return;
        }
        ByteBuf in = Unpooled.wrappedBuffer(query);
        WireQuestion q = WireQuestion.read(in);
        if (q == null || !sameQuestion(in, q, wire)) {
            return;
        }
        int opt = WireRecords.optStart(wire);
        if (opt >= 0 && opt + 11 + ((wire[opt + 9] & 0xFF) << 8 | wire[opt + 10] & 0xFF) != wire.length) {
            return;
        }
        int[] offsets = NO_OFFSETS;
        long expires = Long.MAX_VALUE;
        if (keep.forwarded()) {
            offsets = WireRecords.ttlOffsets(wire);
            long ttl = offsets == null ? 0 : shortestTtl(wire, offsets);
            if (ttl < MIN_TTL) {
                return;
            }
            expires = now + Math.min(FORWARDED_MAX_MILLIS, Math.min(ttl - 1, ttl * 9 / 10) * 1000);
        }
        byte[] kept = wire.clone();
        kept[0] = 0;
        kept[1] = 0;
        Generation g = generation(chain);
        if (g.size.get() >= CAPACITY || g.bytes.get() >= MAX_BYTES) {
            g.replies.clear();
            g.size.set(0);
            g.bytes.set(0);
        }
        MemoKey k = key(in, q, chain, client, arrival);
        if (g.replies.put(k, new Memoized(kept, offsets, opt, now, expires, keep.epoch(), reply.outcome())) == null) {
            g.size.incrementAndGet();
            g.bytes.addAndGet(kept.length + k.length() + ENTRY_OVERHEAD);
        }
    }

    /** Replies kept for the chain in use. */
    public int size() {
        Generation g = current;
        return g == null ? 0 : g.size.get();
    }

    private static MemoKey key(ByteBuf query, WireQuestion q, Chain chain, InetAddress client, Arrival arrival) {
        int bits = (chain.recursionAllowed(client) ? MemoKey.RECURSION : 0) | (arrival.tcp() ? MemoKey.TCP : 0);
        return MemoKey.of(query, q, bits, chain.clientSpecific() ? client : null);
    }

    private Generation generation(Chain chain) {
        Generation g = current;
        if (g != null && g.chain == chain) {
            return g;
        }
        synchronized (this) {
            g = current;
            if (g == null || g.chain != chain) {
                g = new Generation(chain, new ConcurrentHashMap<>(), new AtomicInteger(), new AtomicLong());
                current = g;
            }
            return g;
        }
    }

    /** True when {@code wire} is a reply with the query's one question, letter case aside. */
    private static boolean sameQuestion(ByteBuf query, WireQuestion q, byte[] wire) {
        int end = q.nameEnd() + 4;
        if (wire.length < end || wire[4] != 0 || wire[5] != 1) {
            return false;
        }
        int base = query.readerIndex();
        for (int i = WireQuestion.HEADER; i < end; i++) {
            if (lower(query.getByte(base + i)) != lower(wire[i])) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static long shortestTtl(byte[] wire, int[] offsets) {
        if (offsets.length == 0) {
            return 0;
        }
        long shortest = Long.MAX_VALUE;
        for (int offset : offsets) {
            shortest = Math.min(shortest, WireRecords.u32(wire, offset));
        }
        return shortest;
    }
}
