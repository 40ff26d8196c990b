package edgebox.health.readiness;

import java.util.ArrayList;
import java.util.List;

import edgebox.api.health.Health;

/**
 * The readiness rules. Ready when every bundle is ACTIVE (fragments RESOLVED), every configuration of an enabled
 * component is ACTIVE or SATISFIED (or waits for a required configuration), every required condition is registered
 * and every function reports ready. Live when the framework runs and no function is DOWN.
 */
public final class Readiness {

    private final List<String> requiredConditions;

    public Readiness(List<String> requiredConditions) {
        this.requiredConditions = List.copyOf(requiredConditions);
    }

    /** Whether every required condition is among {@code registered}; without that no reading can be ready. */
    public boolean conditionsMet(java.util.Set<String> registered) {
        return registered.containsAll(requiredConditions);
    }

    public ReadinessReport evaluate(ReadinessInputs in) {
        List<String> notLive = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (!in.frameworkActive()) {
            notLive.add("framework is not active");
            notReady.add("framework is not active");
        }
        for (BundleStatus b : in.bundles()) {
            if (!b.ready()) {
                String line = "bundle " + b.label() + " " + b.state() + ": " + b.reason();
                notReady.add(line);
                if (b.state() == BundleStatus.State.INSTALLED) {
                    failures.add(line);
                }
            }
        }
        for (ComponentStatus c : in.components()) {
            if (!c.ready()) {
                String line = "component " + c.name() + " (" + c.bundle() + ") " + c.reason();
                notReady.add(line);
                if (!c.passing()) {
                    failures.add(line);
                }
            }
        }
        for (String condition : requiredConditions) {
            if (!in.conditions().contains(condition)) {
                notReady.add("condition " + condition + " not registered");
            }
        }
        for (FunctionStatus f : in.functions()) {
            Health h = f.health();
            if (!h.ready()) {
                String line = "function " + f.function() + " " + h.status()
                        + (h.detail().isEmpty() ? "" : ": " + h.detail())
                        + (h.lastError() == null ? "" : " (last error: " + h.lastError() + ")");
                notReady.add(line);
                if (h.status() == Health.Status.DOWN) {
                    notLive.add(line);
                    failures.add(line);
                }
            }
        }
        return new ReadinessReport(in, notLive, notReady, failures);
    }
}
