package edgebox.dns.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.xbill.DNS.Name;

/**
 * The forwarder's answer cache: a concurrent map read without locks on the hot path, bounded by a CLOCK queue (an
 * entry used since it last came round gets a second chance, so popular names stay: LRU-ish at the cost of one
 * volatile write per hit). Expired answers stay until their serve-stale window ends or the clock hand reaches them.
 * The time is a supplier of milliseconds, so tests move it by hand.
 */
public final class AnswerCache implements CacheView {

    private static final int SECOND_CHANCES = 64;

    private final CachePolicy policy;
    private final LongSupplier millis;
    private final ConcurrentHashMap<CacheKey, CachedAnswer> map = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CachedAnswer> clock = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder prefetches = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong flushes = new java.util.concurrent.atomic.AtomicLong();

    public AnswerCache(CachePolicy policy, LongSupplier millis) {
        this.policy = policy;
        this.millis = millis;
    }

    /** How many flushes there have been. */
    public long flushes() {
        return flushes.get();
    }

    public CachePolicy policy() {
        return policy;
    }

    public long now() {
        return millis.getAsLong();
    }

    /** The answer kept for {@code key}, fresh or stale, or null. Counts nothing: the caller says what it served. */
    public CachedAnswer get(CacheKey key) {
        CachedAnswer answer = map.get(key);
        if (answer != null && !answer.referenced) {
            answer.referenced = true;
        }
        return answer;
    }

    /** Keeps {@code answer} when it has a lifetime, replacing what was there, and evicts to stay in capacity. */
    public void put(CachedAnswer answer) {
        if (answer.ttl() <= 0) {
            return;
        }
        map.put(answer.key(), answer);
        clock.offer(answer);
        int size = queued.incrementAndGet();
        if (size > 2 * policy.capacity() || map.size() > policy.capacity()) {
            sweep();
        }
    }

    /**
     * Advances the clock hand until the map is within capacity and the queue holds no more nodes than that (nodes of
     * replaced or flushed answers are dropped as the hand passes them). Bounded by the queue's length.
     */
    private void sweep() {
        int chances = 0;
        for (int step = 0; step < 4 * policy.capacity() + SECOND_CHANCES; step++) {
            boolean overfull = map.size() > policy.capacity();
            if (!overfull && queued.get() <= policy.capacity()) {
                return;
            }
            CachedAnswer head = clock.poll();
            if (head == null) {
                return;
            }
            queued.decrementAndGet();
            if (map.get(head.key()) != head) {
                continue;
            }
            boolean usable = head.usableStale(now());
            if (usable && (!overfull || (head.referenced && chances++ < SECOND_CHANCES))) {
                head.referenced = false;
                clock.offer(head);
                queued.incrementAndGet();
                continue;
            }
            if (map.remove(head.key(), head) && usable) {
                evictions.increment();
            }
        }
    }

    /** Drops {@code answer} if it is still the one kept for its key. */
    public void remove(CachedAnswer answer) {
        map.remove(answer.key(), answer);
    }

    public void countHit(CachedAnswer answer) {
        answer.hits++;
        hits.increment();
    }

    public void countMiss() {
        misses.increment();
    }

    public void countStale() {
        stale.increment();
    }

    public void countPrefetch() {
        prefetches.increment();
    }

    @Override
    public List<Entry> entries(int limit) {
        long now = now();
        List<Entry> out = new ArrayList<>();
        for (CachedAnswer a : map.values()) {
            CacheKey k = a.key();
            out.add(new Entry(k.name(), k.type(), k.dclass(), k.dnssecOk(), a.rcode(), a.secondsLeft(now),
                    !a.fresh(now), a.hits()));
        }
        out.sort(Comparator.comparing(Entry::name).thenComparingInt(Entry::type)
                .thenComparing(Entry::dnssecOk));
        return out.size() > limit ? List.copyOf(out.subList(0, Math.max(0, limit))) : out;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public int capacity() {
        return policy.capacity();
    }

    @Override
    public long hits() {
        return hits.sum();
    }

    @Override
    public long misses() {
        return misses.sum();
    }

    @Override
    public long staleAnswers() {
        return stale.sum();
    }

    @Override
    public long prefetches() {
        return prefetches.sum();
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    @Override
    public int flush(Name name) {
        flushes.incrementAndGet();
        int removed = 0;
        for (CachedAnswer a : map.values()) {
            if (a.key().name().equals(name) && map.remove(a.key(), a)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public int flushAll() {
        flushes.incrementAndGet();
        int removed = 0;
        for (CacheKey key : map.keySet()) {
            if (map.remove(key) != null) {
                removed++;
            }
        }
        return removed;
    }
}
