package edgebox.lb.neigh;

import java.time.Duration;

/**
 * How neighbours are kept fresh: a MAC is used for {@code reachable} after its last confirmation and asked again
 * from half that age; an unanswered question is repeated every {@code retry}, at most {@code tries} times a round,
 * after which the round is given up (and counted) and the next starts after {@code pause}.
 */
public record NeighbourTiming(Duration reachable, Duration retry, int tries, Duration pause) {

    /** Linux's base_reachable_time (30 s), a retransmit of 1 s and 3 probes (ucast_solicit). */
    public static final NeighbourTiming DEFAULT =
            new NeighbourTiming(Duration.ofSeconds(30), Duration.ofSeconds(1), 3, Duration.ofSeconds(5));

    public NeighbourTiming {
        positive("reachable", reachable);
        positive("retry", retry);
        positive("pause", pause);
        if (tries < 1 || tries > 100) {
            throw new IllegalArgumentException("neighbour timing: tries: must be 1..100, was " + tries);
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("neighbour timing: " + field + ": must be positive, was " + d);
        }
    }
}
