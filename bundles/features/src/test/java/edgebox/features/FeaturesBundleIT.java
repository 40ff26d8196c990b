package edgebox.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.condition.Condition;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The features bundle in a real Felix with SCR and Config Admin, on a temporary home whose {@code core} feature names
 * a bundle that is already installed and whose {@code demo} feature names one that is not, plus a configuration:
 * the booted condition appears, {@code feature:install demo} installs and starts the bundle and creates the
 * configuration, {@code feature:uninstall demo} removes both.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeaturesBundleIT {

    private static final long WAIT_MS = 10_000;
    private static final String CONVERTER = "org.osgi.util.converter";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() throws IOException {
        Path work = Path.of(System.getProperty("it.work"));
        Path home = Files.createTempDirectory(work, "features-it-home");
        Path repository = Path.of(System.getProperty("local.repository"));
        String converter = System.getProperty("v.converter");
        copy(repository, home.resolve("system"), "org/osgi/org.osgi.util.function/1.2.0/org.osgi.util.function-1.2.0.jar");
        copy(repository, home.resolve("system"),
                "org/osgi/org.osgi.util.converter/" + converter + "/org.osgi.util.converter-" + converter + ".jar");
        Path features = Files.createDirectories(home.resolve("features"));
        Files.writeString(features.resolve("core.json"), """
                {"feature-resource-version": "1.0", "id": "edgebox.feature:core:1.0.0",
                 "description": "what the launcher installed", "bundles": [{"id": "org.osgi:org.osgi.util.function:1.2.0"}]}
                """);
        Files.writeString(features.resolve("demo.json"), """
                {"feature-resource-version": "1.0", "id": "edgebox.feature:demo:1.0.0",
                 "description": "a bundle nobody else installs, and a configuration",
                 "bundles": [{"id": "org.osgi:org.osgi.util.converter:%s"}],
                 "configurations": {"edgebox.it.demo": {"greeting": "hello", "count:Integer": 3}}}
                """.formatted(converter));
        String netty = System.getProperty("v.netty");
        return options(
                frameworkProperty("edgebox.home").value(home.toString()),
                mavenBundle("org.slf4j", "slf4j-api", System.getProperty("v.slf4j")),
                mavenBundle("org.slf4j", "slf4j-simple", System.getProperty("v.slf4j")).noStart(),
                mavenBundle("io.netty", "netty-common", netty),
                mavenBundle("io.netty", "netty-buffer", netty),
                mavenBundle("io.netty", "netty-resolver", netty),
                mavenBundle("io.netty", "netty-transport", netty),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("v.configadmin")),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("v.scr")),
                bundle("file:" + System.getProperty("api.jar")),
                bundle("file:" + System.getProperty("bundle.jar")),
                junitBundles());
    }

    private static void copy(Path repository, Path system, String path) throws IOException {
        Path target = system.resolve(path);
        Files.createDirectories(target.getParent());
        Files.copy(repository.resolve(path), target);
    }

    @Test
    public void installsAndUninstallsAFeatureLive() throws Exception {
        if (await(Condition.class, "(osgi.condition.id=edgebox.features.booted)") == null) {
            fail("no condition edgebox.features.booted; bundles and components: " + diagnose());
        }
        Object commands = await(Object.class, "(osgi.command.scope=feature)");
        Path home = Path.of(context.getProperty("edgebox.home"));
        assertEquals(List.of("core"), state(home));
        assertFalse(converter().isPresent());

        String installed = call(commands, "install", "demo");

        assertEquals("feature 'demo' installed: 1 bundles, 1 configurations\n", installed);
        assertEquals(Bundle.ACTIVE, converter().orElseThrow().getState());
        assertTrue(converter().orElseThrow().getLocation().startsWith("file:"));
        Dictionary<String, Object> properties = cm.getConfiguration("edgebox.it.demo", "?").getProperties();
        assertEquals("hello", properties.get("greeting"));
        assertEquals(3, properties.get("count"));
        assertEquals("demo", properties.get("edgebox.feature"));
        assertEquals(List.of("core", "demo"), state(home));
        String list = call(commands, "list");
        assertTrue(list, list.lines().anyMatch(line -> line.matches("demo\\s+yes\\s+1\\s+a bundle nobody.*")));
        assertTrue(list, list.contains("2 features, 2 installed"));

        String uninstalled = call(commands, "uninstall", "demo");

        assertEquals("feature 'demo' uninstalled: 1 bundles, 1 configurations\n", uninstalled);
        assertFalse(converter().isPresent());
        assertNull(cm.listConfigurations("(service.pid=edgebox.it.demo)"));
        assertEquals(List.of("core"), state(home));
        assertTrue(call(commands, "uninstall", "core").startsWith("refused: feature 'core': cannot be uninstalled"));
        assertTrue(Arrays.stream(context.getBundles()).anyMatch(b -> "org.osgi.util.function".equals(b.getSymbolicName())));
    }

    /** Bundle states and SCR's view of this bundle's components, for a failure message. */
    private String diagnose() throws Exception {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            out.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
        }
        Object scr = await(org.osgi.service.component.runtime.ServiceComponentRuntime.class, "(service.id=*)");
        if (scr != null) {
            for (var d : ((org.osgi.service.component.runtime.ServiceComponentRuntime) scr).getComponentDescriptionDTOs()) {
                for (var c : ((org.osgi.service.component.runtime.ServiceComponentRuntime) scr).getComponentConfigurationDTOs(d)) {
                    out.append("\n").append(d.name).append(" state ").append(c.state).append(' ').append(c.failure)
                            .append(Arrays.toString(c.unsatisfiedReferences));
                }
            }
        }
        return out.toString();
    }

    private Optional<Bundle> converter() {
        return Arrays.stream(context.getBundles()).filter(b -> CONVERTER.equals(b.getSymbolicName())).findFirst();
    }

    private static List<String> state(Path home) throws IOException {
        return Files.readAllLines(home.resolve("data/features.state")).stream()
                .filter(line -> !line.startsWith("#")).toList();
    }

    private static String call(Object commands, String name, String... arguments) throws Exception {
        if (arguments.length == 0) {
            return (String) commands.getClass().getMethod(name).invoke(commands);
        }
        Method method = commands.getClass().getMethod(name, String[].class);
        return (String) method.invoke(commands, (Object) arguments);
    }

    private <T> T await(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter(type == Object.class ? filter : "(&(objectClass=" + type.getName() + ")" + filter + ")"),
                null);
        tracker.open(true);
        try {
            return tracker.waitForService(WAIT_MS);
        } finally {
            tracker.close();
        }
    }
}
