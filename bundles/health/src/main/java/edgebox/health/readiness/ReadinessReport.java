package edgebox.health.readiness;

import java.util.List;

/**
 * The verdict on one {@link ReadinessInputs}: alive (the framework runs and no function is DOWN) and ready, each with
 * the lines that say why not. {@code failures} are the lines that are worth a log entry if they last: bundles that do
 * not resolve, components that failed or miss a reference, functions that are DOWN. Immutable; swapped whole.
 */
public record ReadinessReport(ReadinessInputs inputs, List<String> notLive, List<String> notReady,
        List<String> failures) {

    public ReadinessReport {
        notLive = List.copyOf(notLive);
        notReady = List.copyOf(notReady);
        failures = List.copyOf(failures);
    }

    public boolean live() {
        return notLive.isEmpty();
    }

    public boolean ready() {
        return notReady.isEmpty();
    }

    public List<BundleStatus> bundlesNotReady() {
        return inputs.bundles().stream().filter(b -> !b.ready()).toList();
    }

    public List<ComponentStatus> componentsNotReady() {
        return inputs.components().stream().filter(c -> !c.ready()).toList();
    }
}
