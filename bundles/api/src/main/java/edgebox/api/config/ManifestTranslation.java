package edgebox.api.config;

import java.util.List;

/** What a {@link ManifestHandler} made of one object: configurations to apply, or the problems that refuse it. */
public record ManifestTranslation(List<ConfigurationSpec> configurations, List<ConfigProblem> problems) {

    public ManifestTranslation {
        configurations = List.copyOf(configurations);
        problems = List.copyOf(problems);
    }

    public static ManifestTranslation of(List<ConfigurationSpec> configurations) {
        return new ManifestTranslation(configurations, List.of());
    }

    public static ManifestTranslation refused(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one problem");
        }
        return new ManifestTranslation(List.of(), problems);
    }

    public boolean refused() {
        return !problems.isEmpty();
    }
}
