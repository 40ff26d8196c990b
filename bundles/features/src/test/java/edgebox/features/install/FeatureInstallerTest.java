package edgebox.features.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.features.install.FeatureInstaller.Outcome;
import edgebox.features.repo.BundleId;
import edgebox.features.repo.FeatureReader;
import edgebox.features.repo.FeatureRepository;
import edgebox.features.repo.TestFiles;

class FeatureInstallerTest {

    private static final BundleId SCR = id("scr", null);
    private static final BundleId X = id("x", null);
    private static final BundleId Y = id("y", null);
    private static final BundleId Y_NATIVE = id("y", "linux-x86_64");
    private static final BundleId Z = id("z", null);

    @TempDir
    Path home;
    private FeatureRepository repository;
    private StateStore state;
    private final FakeHosts.Bundles bundles = new FakeHosts.Bundles();
    private final FakeHosts.Configs configs = new FakeHosts.Configs();
    private FeatureInstaller installer;

    private static BundleId id(String name, String classifier) {
        return new BundleId("org.example", name, "1.0.0", classifier);
    }

    @BeforeEach
    void setUp() throws Exception {
        Path system = home.resolve("system");
        Path definitions = home.resolve("features");
        TestFiles.bundle(system, SCR, "org.example.scr", "1.0.0", null);
        TestFiles.bundle(system, X, "org.example.x", "1.0.0", null);
        TestFiles.bundle(system, Y, "org.example.y", "1.0.0", null);
        TestFiles.bundle(system, Y_NATIVE, "org.example.y.native", "1.0.0", "org.example.y");
        TestFiles.bundle(system, Z, "org.example.z", "1.0.0", null);
        TestFiles.feature(definitions, "core", null, SCR);
        TestFiles.feature(definitions, "a", "{\"edgebox.a\": {\"port:Integer\": 53}}", X, Y_NATIVE, Y);
        TestFiles.feature(definitions, "b", "{\"edgebox.b\": {\"on\": true}}", Y_NATIVE, Y, Z);
        TestFiles.feature(definitions, "broken", null, X, id("absent", null));
        repository = new FeatureRepository(definitions, system, new FeatureReader());
        state = new StateStore(home.resolve("data/features.state"));
        installer = new FeatureInstaller(repository, bundles, configs, state, Set.of("core"));
    }

    @Test
    void planRecognisesBundlesTheLauncherInstalled() throws Exception {
        long scr = bundles.preinstall("org.example.scr", "1.0.0", false, true);
        bundles.preinstall("org.example.x", "0.9.0", false, true);

        InstallPlan plan = installer.plan(repository.find("a"));

        assertEquals(3, plan.steps().size());
        assertEquals(3, plan.toInstall().size(), "x 0.9.0 is another version, not x 1.0.0");
        InstallPlan core = installer.plan(repository.find("core"));
        assertEquals(List.of(), core.toInstall());
        assertEquals(scr, core.steps().getFirst().present().id());
    }

    @Test
    void installsMissingBundlesStartsNonFragmentsAndCreatesConfigurations() throws Exception {
        Outcome outcome = installer.install("a");

        assertTrue(outcome.ok(), outcome.toString());
        assertEquals(List.of("install org.example.x", "install org.example.y.native", "install org.example.y",
                "start org.example.x", "start org.example.y"), bundles.calls);
        assertEquals(Map.of("port", 53, "edgebox.feature", "a"), configs.configurations.get("edgebox.a"));
        assertEquals(List.of("edgebox.a"), outcome.configurations());
        assertEquals(Set.of("a"), state.load());
    }

    @Test
    void startedBundlesAreLeftAloneAndExistingConfigurationsKept() throws Exception {
        bundles.preinstall("org.example.scr", "1.0.0", false, true);
        configs.configurations.put("edgebox.a", Map.of("port", 5353));

        assertTrue(installer.install("core").ok());
        assertEquals(List.of(), bundles.calls);

        installer.install("a");
        assertEquals(Map.of("port", 5353), configs.configurations.get("edgebox.a"));
        installer.uninstall("a");
        assertEquals(Map.of("port", 5353), configs.configurations.get("edgebox.a"), "not created by a: kept");
    }

    @Test
    void aMissingBundleFileRefusesTheFeatureBeforeAnythingIsInstalled() {
        Outcome outcome = installer.install("broken");

        assertTrue(outcome.refused());
        assertTrue(outcome.failures().getFirst().contains("bundle org.example:absent:1.0.0"), outcome.toString());
        assertEquals(List.of(), bundles.calls);
        assertEquals(Set.of(), installer.installed());
    }

    @Test
    void aBundleThatFailsToStartIsReportedAndTheOthersStillStart() {
        bundles.failToStart.add("org.example.x");

        Outcome outcome = installer.install("a");

        assertFalse(outcome.refused());
        assertEquals(1, outcome.failures().size());
        String failure = outcome.failures().getFirst();
        assertTrue(failure.contains("org.example:x:1.0.0") && failure.contains("start: Unable to resolve org.example.x"),
                failure);
        assertTrue(bundles.calls.contains("start org.example.y"));
        assertEquals(failure, installer.problems().get("a"));
        assertEquals(Set.of("a"), installer.installed());
    }

    @Test
    void uninstallRemovesOnlyBundlesNoOtherInstalledFeatureNames() {
        installer.install("a");
        installer.install("b");
        bundles.calls.clear();

        Outcome first = installer.uninstall("a");

        assertTrue(first.ok(), first.toString());
        assertEquals(List.of("stop org.example.x", "uninstall org.example.x"), bundles.calls);
        assertNull(configs.configurations.get("edgebox.a"));
        assertNotNull(configs.configurations.get("edgebox.b"));
        bundles.calls.clear();

        Outcome second = installer.uninstall("b");

        assertTrue(second.ok(), second.toString());
        assertEquals(List.of("stop org.example.z", "stop org.example.y", "uninstall org.example.y.native",
                "uninstall org.example.y", "uninstall org.example.z"), bundles.calls);
        assertEquals(2, bundles.refreshes);
        assertTrue(bundles.bundles.isEmpty());
        assertTrue(configs.configurations.isEmpty());
        assertEquals(Set.of(), installer.installed());
    }

    @Test
    void coreCannotBeUninstalledNorAFeatureThatIsNotInstalled() {
        installer.install("core");

        Outcome core = installer.uninstall("core");
        Outcome a = installer.uninstall("a");

        assertTrue(core.refused());
        assertEquals("feature 'core': cannot be uninstalled, the runtime needs it", core.failures().getFirst());
        assertTrue(a.refused());
        assertEquals("feature 'a': not installed (installed: core)", a.failures().getFirst());
        assertEquals(Set.of("core"), installer.installed());
    }

    @Test
    void restoreInstallsBootAndSavedFeaturesAndRecordsRefusals() throws Exception {
        state.save(Set.of("b"));
        FeatureInstaller restarted = new FeatureInstaller(repository, bundles, configs, state, Set.of("core"));

        List<Outcome> outcomes = restarted.restore(new java.util.LinkedHashSet<>(List.of("core", "broken")));

        assertEquals(List.of("core", "broken", "b"), outcomes.stream().map(Outcome::feature).toList());
        assertEquals(Set.of("core", "b"), restarted.installed());
        assertEquals(Set.of("core", "b"), state.load());
        assertTrue(restarted.problems().get("broken").contains("org.example:absent:1.0.0"));
    }
}
