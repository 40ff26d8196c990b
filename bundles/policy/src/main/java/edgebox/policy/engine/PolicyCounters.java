package edgebox.policy.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.policy.model.Policy;

/**
 * One {@link Tally} per policy, by display name, kept across compilations so a policy edited live counts on. A
 * deleted policy's tally stays (Prometheus counters never go back).
 */
public final class PolicyCounters {

    private final Map<String, Tally> byPolicy = new ConcurrentHashMap<>();

    Tally of(Policy policy) {
        return byPolicy.computeIfAbsent(policy.displayName(), p -> new Tally());
    }

    /** Every policy's tally, by display name, sorted. */
    public Map<String, Tally> all() {
        return new TreeMap<>(byPolicy);
    }
}
