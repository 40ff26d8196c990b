package edgebox.features.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.features.Features;
import edgebox.features.install.FeatureInstaller.Outcome;
import edgebox.features.repo.FeatureDefinition;
import edgebox.features.repo.FeatureRepository.Catalog;

/** Gogo commands {@code feature:list}, {@code feature:install NAME...}, {@code feature:uninstall NAME...}. */
@Component(service = FeatureCommands.class, property = {
        "osgi.command.scope=feature",
        "osgi.command.function=list",
        "osgi.command.function=install",
        "osgi.command.function=uninstall"})
public final class FeatureCommands {

    private final Features features;

    @Activate
    public FeatureCommands(@Reference Features features) {
        this.features = features;
    }

    public String list() {
        Catalog catalog = features.catalog();
        Set<String> installed = features.installed();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "INSTALLED", "BUNDLES", "DESCRIPTION"});
        for (FeatureDefinition feature : catalog.features().values()) {
            rows.add(new String[] {feature.name(), installed.contains(feature.name()) ? "yes" : "no",
                    String.valueOf(feature.bundles().size()), feature.description()});
        }
        StringBuilder out = new StringBuilder(Table.format(rows));
        long count = catalog.features().keySet().stream().filter(installed::contains).count();
        out.append(catalog.features().size()).append(" features, ").append(count).append(" installed\n");
        catalog.problems().forEach(problem -> out.append("problem: ").append(problem).append('\n'));
        return out.toString();
    }

    public String install(String... names) {
        return describe("installed", features.install(List.of(names)));
    }

    public String uninstall(String... names) {
        return describe("uninstalled", features.uninstall(List.of(names)));
    }

    static String describe(String done, List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        for (Outcome outcome : outcomes) {
            if (outcome.refused()) {
                out.append("refused: ").append(outcome.failures().getFirst()).append('\n');
                continue;
            }
            out.append("feature '").append(outcome.feature()).append("' ").append(done).append(": ")
                    .append(outcome.bundles().size()).append(" bundles, ")
                    .append(outcome.configurations().size()).append(" configurations")
                    .append(outcome.failures().isEmpty() ? "" : ", " + outcome.failures().size() + " failures")
                    .append('\n');
            outcome.failures().forEach(failure -> out.append("  failed: ").append(failure).append('\n'));
        }
        return out.toString();
    }
}
