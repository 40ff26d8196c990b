package edgebox.features.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

import edgebox.features.repo.BundleId;
import edgebox.features.repo.FeatureDefinition;
import edgebox.features.repo.FeatureReader;
import edgebox.features.repo.FeatureRepository;

/** Every bundle of the {@code full} feature resolves in Felix (nothing is started): no missing import slips through. */
class FeatureResolutionTest {

    @TempDir
    Path storage;

    @Test
    void everyBundleOfFullResolves() throws Exception {
        FeatureRepository repository = new FeatureRepository(FeatureFilesTest.REPO.resolve("features"),
                FeatureFilesTest.REPO.resolve("system"), new FeatureReader());
        FeatureDefinition full = repository.find("full");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                        Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        try {
            List<Bundle> bundles = new ArrayList<>();
            for (BundleId id : full.bundles()) {
                bundles.add(framework.getBundleContext().installBundle(repository.file(id).toUri().toString()));
            }
            framework.adapt(FrameworkWiring.class).resolveBundles(bundles);

            List<String> unresolved = new ArrayList<>();
            for (Bundle bundle : bundles) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    unresolved.add(bundle.getSymbolicName() + ": " + reason(bundle));
                }
            }
            assertEquals(List.of(), unresolved, "bundles of feature 'full' that do not resolve");
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** Starting an unresolvable bundle fails with the resolver's reason and starts nothing. */
    private static String reason(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return "fragment not attached to " + bundle.getHeaders().get(Constants.FRAGMENT_HOST);
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return "resolved late";
        } catch (BundleException e) {
            return e.getMessage();
        }
    }
}
