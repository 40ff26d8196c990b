package edgebox.dns.cache;

import java.util.List;

import org.xbill.DNS.Name;

/**
 * What the console and the metrics see of the forwarder's cache: its entries, its counters and the two changes an
 * operator may make, flushing one name or everything.
 */
public interface CacheView {

    /** One cached answer as shown by {@code dns:cache}. */
    record Entry(Name name, int type, int dclass, boolean dnssecOk, int rcode, long ttlLeft, boolean stale,
            long hits) {
    }

    /** The entries, sorted by name then type; at most {@code limit} of them. */
    List<Entry> entries(int limit);

    int size();

    int capacity();

    /** Queries answered fresh from the cache. */
    long hits();

    /** Queries that went upstream (nothing cached, or expired). */
    long misses();

    /** Queries answered with stale data (RFC 8767). */
    long staleAnswers();

    /** Refreshes started before expiry for popular names. */
    long prefetches();

    /** Entries dropped to stay within the capacity. */
    long evictions();

    /** hits / (hits + misses); 0 before the first query. */
    default double hitRatio() {
        long hits = hits();
        long all = hits + misses();
        return all == 0 ? 0 : (double) hits / all;
    }

    /** Drops every entry for {@code name} (all types, with and without DO); returns how many. */
    int flush(Name name);

    /** Drops everything; returns how many. */
    int flushAll();
}
