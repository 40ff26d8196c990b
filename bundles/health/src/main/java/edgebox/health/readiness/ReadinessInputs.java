package edgebox.health.readiness;

import java.util.List;
import java.util.Set;

/** Everything readiness looks at, gathered at one moment. */
public record ReadinessInputs(boolean frameworkActive, List<BundleStatus> bundles, List<ComponentStatus> components,
        Set<String> conditions, List<FunctionStatus> functions) {

    public ReadinessInputs {
        bundles = List.copyOf(bundles);
        components = List.copyOf(components);
        conditions = Set.copyOf(conditions);
        functions = List.copyOf(functions);
    }
}
