package edgebox.policy.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.policy.engine.CompiledPolicies;
import edgebox.policy.engine.PolicyCounters;
import edgebox.policy.engine.Tally;

/**
 * The policy engine's Prometheus metrics, brought up to date from the policies' tallies once a second (the data
 * paths count in the tallies, never in shared metrics): {@code edgebox_policy_verdicts_total{policy, verdict}}
 * with verdict allowed, denied or audited, and the size of what is in force.
 */
public final class PolicyMetrics {

    private final PolicyCounters counters;
    private final Counter verdicts;
    private final Map<String, Long> seen = new HashMap<>();

    public PolicyMetrics(MetricsRegistry registry, PolicyCounters counters, Supplier<CompiledPolicies> current) {
        this.counters = counters;
        verdicts = registry.counter("edgebox_policy_verdicts_total",
                "Connections, flows and requests a policy decided, by verdict (audited: would-be denies let through)",
                "policy", "verdict");
        registry.gauge("edgebox_policy_policies", "Policies in force", () -> current.get().policies().size());
        registry.gauge("edgebox_policy_rules", "Compiled rules in force", () -> current.get().table().ruleCount());
        registry.gauge("edgebox_policy_problems", "Problems with the policies in force (see policy:list)",
                () -> current.get().problems().size());
    }

    /** Adds what the tallies counted since the last call; on one thread. */
    public void export() {
        for (Map.Entry<String, Tally> e : counters.all().entrySet()) {
            add(e.getKey(), "allowed", e.getValue().allowed());
            add(e.getKey(), "denied", e.getValue().denied());
            add(e.getKey(), "audited", e.getValue().audited());
        }
    }

    private void add(String policy, String verdict, long total) {
        Long before = seen.put(policy + "\0" + verdict, total);
        long delta = before == null ? total : total - before;
        if (delta > 0) {
            verdicts.labels(policy, verdict).inc(delta);
        }
    }
}
