package edgebox.proxy.balance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How upstream endpoints are chosen and judged, copied from the proxy configuration (PID {@code edgebox.proxy});
 * immutable, validated on construction with the configuration key in each message.
 *
 * @param policy the default policy ({@code balance.policy})
 * @param clusterPolicies per cluster name ({@code ns/service:port}), overriding the default
 *        ({@code balance.clusterPolicies})
 * @param panicThreshold percent of ready endpoints that must be healthy, below which health is ignored
 *        ({@code balance.panicThreshold}); 0 = never
 * @param outlier passive outlier ejection
 * @param healthCheck active health checks
 */
public record BalanceSettings(Policy policy, Map<String, Policy> clusterPolicies, int panicThreshold, Outlier outlier,
        HealthCheck healthCheck) {

    /** Round robin, panic below 50% healthy, Envoy's outlier defaults, no active checks. */
    public static BalanceSettings defaults() {
        return new BalanceSettings(Policy.ROUND_ROBIN, Map.of(), 50, Outlier.DEFAULTS, HealthCheck.DEFAULTS);
    }

    public BalanceSettings {
        Objects.requireNonNull(policy, "balance.policy");
        clusterPolicies = Map.copyOf(clusterPolicies);
        check(panicThreshold >= 0 && panicThreshold <= 100, "balance.panicThreshold", "must be 0-100", panicThreshold);
        Objects.requireNonNull(outlier, "outlier");
        Objects.requireNonNull(healthCheck, "healthCheck");
    }

    public Policy policyFor(String cluster) {
        return clusterPolicies.getOrDefault(cluster, policy);
    }

    /** The load balancing policies. */
    public enum Policy {
        /** Each healthy endpoint in turn. */
        ROUND_ROBIN,
        /** Power of two choices: of two random healthy endpoints, the one with fewer requests in flight. */
        LEAST_REQUEST;

        /** {@code round-robin} or {@code least-request} (case and {@code _}/{@code -} ignored). */
        public static Policy parse(String key, String value) {
            String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Policy p : values()) {
                if (p.name().equals(v)) {
                    return p;
                }
            }
            throw new IllegalArgumentException(
                    "edgebox.proxy: " + key + ": must be round-robin or least-request, was \"" + value + "\"");
        }
    }

    /** {@code balance.clusterPolicies} entries, each {@code ns/service:port=least-request}. */
    public static Map<String, Policy> parseClusterPolicies(String[] entries) {
        Map<String, Policy> out = new HashMap<>();
        for (int i = 0; entries != null && i < entries.length; i++) {
            String key = "balance.clusterPolicies[" + i + "]";
            int eq = entries[i].lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "edgebox.proxy: " + key + ": must be CLUSTER=POLICY, was \"" + entries[i] + "\"");
            }
            out.put(entries[i].substring(0, eq).trim(), Policy.parse(key, entries[i].substring(eq + 1)));
        }
        return out;
    }

    /**
     * Passive outlier ejection, as Envoy's {@code consecutive_5xx}: after {@code consecutiveFailures} failures in a
     * row an endpoint is ejected for {@code baseEjectionTime} times the number of its ejections (which decays by one
     * per base time spent back in service), at most {@code maxEjectionTime}; never more than
     * {@code maxEjectionPercent} of a cluster's endpoints, but always at least one.
     */
    public record Outlier(int consecutiveFailures, Duration baseEjectionTime, Duration maxEjectionTime,
            int maxEjectionPercent) {

        public static final Outlier DEFAULTS = new Outlier(5, Duration.ofSeconds(30), Duration.ofSeconds(300), 10);

        public Outlier {
            check(consecutiveFailures >= 0, "outlier.consecutiveFailures", "must be >= 0 (0 = off)",
                    consecutiveFailures);
            positive(baseEjectionTime, "outlier.baseEjectionTime");
            positive(maxEjectionTime, "outlier.maxEjectionTime");
            check(maxEjectionTime.compareTo(baseEjectionTime) >= 0, "outlier.maxEjectionTime",
                    "must be >= outlier.baseEjectionTime", maxEjectionTime);
            check(maxEjectionPercent >= 0 && maxEjectionPercent <= 100, "outlier.maxEjectionPercent",
                    "must be 0-100", maxEjectionPercent);
        }

        public boolean enabled() {
            return consecutiveFailures > 0;
        }
    }

    /**
     * Active health checks: every {@code interval}, an HTTP/1.1 {@code GET path} to each endpoint (Host {@code host},
     * or the endpoint's address when empty); a 2xx answer within {@code timeout} passes. {@code unhealthyThreshold}
     * failures in a row mark an endpoint unhealthy, {@code healthyThreshold} passes in a row healthy again. Off when
     * {@code path} is empty.
     */
    public record HealthCheck(String path, String host, Duration interval, Duration timeout, int healthyThreshold,
            int unhealthyThreshold) {

        public static final HealthCheck DEFAULTS = new HealthCheck("", "", Duration.ofSeconds(5),
                Duration.ofSeconds(1), 2, 3);

        public HealthCheck {
            path = path == null ? "" : path.trim();
            host = host == null ? "" : host.trim();
            check(path.isEmpty() || path.startsWith("/"), "healthCheck.path", "must start with \"/\"", path);
            check(!path.contains(" ") && !host.contains(" "), "healthCheck.path/host", "must not contain spaces",
                    path + " " + host);
            positive(interval, "healthCheck.interval");
            positive(timeout, "healthCheck.timeout");
            check(timeout.compareTo(interval) <= 0, "healthCheck.timeout", "must be <= healthCheck.interval", timeout);
            check(healthyThreshold >= 1, "healthCheck.healthyThreshold", "must be >= 1", healthyThreshold);
            check(unhealthyThreshold >= 1, "healthCheck.unhealthyThreshold", "must be >= 1", unhealthyThreshold);
        }

        public boolean enabled() {
            return !path.isEmpty();
        }
    }

    private static void positive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        check(!d.isNegative() && !d.isZero(), key, "must be > 0", d);
    }

    private static void check(boolean ok, String key, String reason, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("edgebox.proxy: " + key + ": " + reason + ", was " + value);
        }
    }
}
