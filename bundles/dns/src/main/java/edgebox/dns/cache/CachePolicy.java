package edgebox.dns.cache;

/**
 * The cache's limits, validated by the forwarder's settings: TTLs of positive answers are clamped to
 * [{@code minTtl}, {@code maxTtl}] seconds, negative answers live at most {@code negativeTtlMax} seconds, at most
 * {@code capacity} answers are kept, and an expired answer is kept {@code staleTtl} seconds more for serve-stale
 * (0: not kept).
 */
public record CachePolicy(int minTtl, int maxTtl, int negativeTtlMax, int capacity, int staleTtl) {

    public CachePolicy {
        if (minTtl < 0 || maxTtl < minTtl || negativeTtlMax < 0 || capacity < 1 || staleTtl < 0) {
            throw new IllegalArgumentException("cache policy: inconsistent limits " + minTtl + ".." + maxTtl
                    + ", negative " + negativeTtlMax + ", capacity " + capacity + ", stale " + staleTtl);
        }
    }
}
