package edgebox.proxy.route;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What to do with a request (or a passthrough connection): the result of matching, computed per request. */
public sealed interface RouteDecision {

    /** A direct answer: 400 a refused path, 404 no route, 421 misdirected, 500 no valid backend, 403 denied. */
    record Respond(int status, String reason) implements RouteDecision {
    }

    /** RequestRedirect, or the redirect that unescapes a path; {@code location} already computed. */
    record Redirect(int status, String location, String route) implements RouteDecision {
    }

    /**
     * Forward to the backend chosen by weight. {@code host} and {@code path} are the request's after URLRewrite
     * ({@code path} includes the query); header modifiers are applied in order set, add, remove.
     */
    record Forward(String route, int rule, String host, String path, HeaderChanges requestHeaders,
            HeaderChanges responseHeaders, WeightedClusters backends, List<Mirror> mirrors, Timeouts timeouts,
            Retry retry) implements RouteDecision {
    }

    /** Header changes: set replaces, add appends, remove drops (names lower case). */
    record HeaderChanges(Map<String, String> set, Map<String, String> add, Set<String> remove) {
        public static final HeaderChanges NONE = new HeaderChanges(Map.of(), Map.of(), Set.of());
    }

    /** backendRefs with their weights; {@code pick} takes a uniform random int. Null when all weights are 0. */
    record WeightedClusters(List<Cluster> clusters, int[] cumulativeWeights) {
        public Cluster pick(int random) {
            int total = cumulativeWeights.length == 0 ? 0 : cumulativeWeights[cumulativeWeights.length - 1];
            if (total <= 0) {
                return null;
            }
            int r = Math.floorMod(random, total);
            for (int i = 0; i < cumulativeWeights.length; i++) {
                if (r < cumulativeWeights[i]) {
                    return clusters.get(i);
                }
            }
            return null;
        }
    }

    /** RequestMirror: a copy of the request to {@code cluster} for {@code percent} of requests (0-100, fractions). */
    record Mirror(Cluster cluster, double percent) {
    }

    /** HTTPRoute timeouts; null when unset. */
    record Timeouts(Duration request, Duration backendRequest) {
        public static final Timeouts NONE = new Timeouts(null, null);
    }

    /** HTTPRoute retry: status codes, attempts (0 = none), backoff between attempts. */
    record Retry(Set<Integer> codes, int attempts, Duration backoff) {
        public static final Retry NONE = new Retry(Set.of(), 0, Duration.ZERO);
    }

    /** A TLS passthrough connection to the backend chosen by weight. */
    record Passthrough(String route, WeightedClusters backends) implements RouteDecision {
    }
}
