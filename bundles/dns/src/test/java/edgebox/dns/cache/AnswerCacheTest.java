package edgebox.dns.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

class AnswerCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private CachedAnswer put(AnswerCache cache, String name, int type, boolean dnssecOk) {
        Message q = Messages.query(name, type, dnssecOk, 1);
        CachedAnswer a = Messages.cached(q, Messages.answer(q, 300), cache.policy(), now.get());
        cache.put(a);
        return a;
    }

    @Test
    void keyIgnoresCaseButNotTypeOrDoBit() {
        AnswerCache cache = new AnswerCache(new CachePolicy(0, 3600, 600, 100, 0), now::get);
        CachedAnswer a = put(cache, "Www.Example", Type.A, false);
        assertSame(a, cache.get(CacheKey.of(Messages.query("www.example", Type.A, false, 9))));
        assertNull(cache.get(CacheKey.of(Messages.query("www.example", Type.AAAA, false, 9))));
        assertNull(cache.get(CacheKey.of(Messages.query("www.example", Type.A, true, 9))), "DO bit is in the key");
        assertEquals("www.example.", a.key().name().toString(), "names are kept in lower case");
    }

    @Test
    void staysWithinCapacityAndKeepsWhatIsUsed() {
        AnswerCache cache = new AnswerCache(new CachePolicy(0, 3600, 600, 50, 0), now::get);
        CachedAnswer hot = put(cache, "hot.example", Type.A, false);
        for (int i = 0; i < 500; i++) {
            put(cache, "n" + i + ".example", Type.A, false);
            assertNotNull(cache.get(hot.key()), "used after every insert, so it keeps its second chance");
            assertTrue(cache.size() <= 50, "size " + cache.size() + " after " + i);
        }
        assertTrue(cache.evictions() >= 450, "evictions " + cache.evictions());
        assertNotNull(cache.get(CacheKey.of(Messages.query("n499.example", Type.A, false, 1))), "newest kept");
    }

    @Test
    void replacingAnEntryManyTimesKeepsTheQueueBounded() {
        AnswerCache cache = new AnswerCache(new CachePolicy(0, 3600, 600, 10, 0), now::get);
        for (int i = 0; i < 1000; i++) {
            put(cache, "same.example", Type.A, false);
        }
        assertEquals(1, cache.size());
        assertEquals(0, cache.evictions(), "replaced, not evicted");
    }

    @Test
    void flushByNameOrAllAndCounters() {
        AnswerCache cache = new AnswerCache(new CachePolicy(0, 3600, 600, 100, 0), now::get);
        CachedAnswer a = put(cache, "a.example", Type.A, false);
        put(cache, "a.example", Type.AAAA, false);
        put(cache, "a.example", Type.A, true);
        put(cache, "b.example", Type.A, false);
        assertEquals(4, cache.entries(100).size());
        assertEquals(2, cache.entries(2).size());
        assertEquals(3, cache.flush(Messages.name("A.example")));
        assertEquals(1, cache.size());
        assertEquals(1, cache.flushAll());
        assertEquals(0, cache.size());
        cache.countHit(a);
        cache.countHit(a);
        cache.countHit(a);
        cache.countMiss();
        assertEquals(0.75, cache.hitRatio(), 1e-9);
        assertEquals(3, a.hits());
    }

    @Test
    void entriesShowTtlLeftAndStaleness() {
        AnswerCache cache = new AnswerCache(new CachePolicy(0, 3600, 600, 100, 3600), now::get);
        put(cache, "a.example", Type.A, false);
        now.addAndGet(100_000);
        assertEquals(200, cache.entries(10).get(0).ttlLeft());
        now.addAndGet(250_000);
        assertTrue(cache.entries(10).get(0).stale());
    }
}
