package edgebox.proxy.route;

import java.util.Comparator;

import edgebox.api.objects.Route.PathType;

/**
 * The Gateway API's order among the matches of all rules of all routes on a listener, as one comparator: Exact
 * path, then RegularExpression (as Envoy Gateway orders it), then PathPrefix, longer paths first; then a method
 * match; more header matches; more query matches; the older route (creationTimestamp; arrival order only between
 * routes without one); namespace/name; rule order; match order.
 */
final class Precedence {

    static final Comparator<Entry> ORDER = Comparator
            .comparingInt((Entry e) -> rank(e.match().pathType))
            .thenComparing(Comparator.comparingInt((Entry e) -> e.match().pathLength()).reversed())
            .thenComparingInt(e -> e.match().method == null ? 1 : 0)
            .thenComparing(Comparator.comparingInt((Entry e) -> e.match().headerNames.length).reversed())
            .thenComparing(Comparator.comparingInt((Entry e) -> e.match().queryNames.length).reversed())
            .thenComparing(Precedence::age)
            .thenComparing(Entry::routeKey)
            .thenComparingInt(Entry::rule)
            .thenComparingInt(Entry::matchIndex);

    /** Among TLSRoutes (no matches): the older route, then namespace/name, then rule order. */
    static final Comparator<Entry> ROUTE = Comparator.comparing((Entry e) -> e, Precedence::age)
            .thenComparing(Entry::routeKey)
            .thenComparingInt(Entry::rule);

    private Precedence() {
    }

    private static int rank(PathType type) {
        return switch (type) {
            case EXACT -> 0;
            case REGEX -> 1;
            case PREFIX -> 2;
        };
    }

    /**
     * Older first: by timestamp when both have one (equal timestamps tie, for namespace/name to break), a timestamped
     * route before one without; between two without, the order they arrived in stands for their creation.
     */
    private static int age(Entry a, Entry b) {
        if (a.created() != null && b.created() != null) {
            return a.created().compareTo(b.created());
        }
        if (a.created() != null || b.created() != null) {
            return a.created() != null ? -1 : 1;
        }
        return Long.compare(a.order(), b.order());
    }
}
