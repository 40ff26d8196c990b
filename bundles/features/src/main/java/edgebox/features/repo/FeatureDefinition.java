package edgebox.features.repo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One feature as read from {@code features/NAME.json}: its name (the file's stem, also the artifactId of its id),
 * the bundles it names in order, and the default configurations it brings (PID, or {@code factoryPid~name}, to
 * properties).
 */
public record FeatureDefinition(String name, String id, String title, String description, List<BundleId> bundles,
                                Map<String, Map<String, Object>> configurations) {

    public FeatureDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        title = title == null ? name : title;
        description = description == null ? "" : description;
        bundles = List.copyOf(bundles);
        configurations = Map.copyOf(configurations);
    }
}
