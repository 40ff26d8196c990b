package edgebox.features.install;

import java.util.List;

import edgebox.features.repo.BundleFile;
import edgebox.features.repo.BundleId;
import edgebox.features.repo.FeatureDefinition;

/**
 * What installing a feature will do, computed before anything is touched: for each bundle the feature names, its
 * file and the framework's bundle with the same symbolic name and version, if one is there already.
 */
public record InstallPlan(FeatureDefinition feature, List<Step> steps) {

    /** One bundle of the feature; {@code present} is null when it must be installed. */
    public record Step(BundleId id, BundleFile file, BundleHost.Present present) {

        /** The identity the framework sees: {@code symbolicName@version}. */
        public String key() {
            return key(file.symbolicName(), file.version());
        }

        static String key(String symbolicName, String version) {
            return symbolicName + "@" + version;
        }
    }

    public InstallPlan {
        steps = List.copyOf(steps);
    }

    /** The steps whose bundle is not yet in the framework. */
    public List<Step> toInstall() {
        return steps.stream().filter(step -> step.present() == null).toList();
    }
}
