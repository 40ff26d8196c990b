package edgebox.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeProvider;
import org.osgi.service.metatype.ObjectClassDefinition;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.api.health.Conditions;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;

/**
 * The config bundle in a real Felix with SCR, Config Admin and Metatype: .cfg files and manifests written to a
 * temporary home reach a ManagedService and Config Admin live; bad ones are refused with the old state kept.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigBundleIT {

    private static final long WAIT_MS = 10_000;
    private static final ManifestKind GREETING = new ManifestKind("it.edgebox/v1", "Greeting");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() throws IOException {
        Path home = Files.createTempDirectory("edgebox-config-it");
        Files.createDirectories(home.resolve("etc/manifests"));
        String netty = System.getProperty("v.netty");
        return options(
                frameworkProperty("edgebox.home").value(home.toString()),
                mavenBundle("org.slf4j", "slf4j-api", System.getProperty("v.slf4j")),
                mavenBundle("org.slf4j", "slf4j-simple", System.getProperty("v.slf4j")).noStart(),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("v.scr")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("v.configadmin")),
                mavenBundle("org.osgi", "org.osgi.service.log", "1.3.0"),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype", System.getProperty("v.metatype")),
                mavenBundle("org.yaml", "snakeyaml", System.getProperty("v.snakeyaml")),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime", System.getProperty("v.gogo")),
                mavenBundle("io.netty", "netty-common", netty),
                mavenBundle("io.netty", "netty-buffer", netty),
                mavenBundle("io.netty", "netty-resolver", netty),
                mavenBundle("io.netty", "netty-transport", netty),
                bundle("file:" + System.getProperty("api.jar")),
                bundle("file:" + System.getProperty("bundle.jar")),
                junitBundles(),
                cleanCaches());
    }

    @Test
    public void cfgFileChangesLiveAndABadValueIsRefused() throws Exception {
        AtomicReference<Dictionary<String, ?>> seen = new AtomicReference<>();
        context.registerService(MetaTypeProvider.class, new DemoMetatype(),
                new Hashtable<>(Map.of(MetaTypeProvider.METATYPE_PID, "it.demo")));
        context.registerService(ConfigValidator.class, (pid, props) -> Integer.valueOf(666).equals(props.get("port"))
                ? List.of(ConfigProblem.of("", "port", "not that one")) : List.of(),
                new Hashtable<>(Map.of(ConfigValidator.PIDS, "it.demo")));
        context.registerService(ManagedService.class, props -> seen.set(props),
                new Hashtable<>(Map.of("service.pid", "it.demo")));

        write("etc/it.demo.cfg", "port = 8080\nname = box\n");
        await("port 8080 delivered", () -> seen.get() != null && Integer.valueOf(8080).equals(seen.get().get("port")));
        assertEquals("box", seen.get().get("name"));
        assertEquals("etc/it.demo.cfg", seen.get().get("edgebox.source"));

        write("etc/it.demo.cfg", "port = 8081\nname = box\n");
        await("port 8081 delivered", () -> Integer.valueOf(8081).equals(seen.get().get("port")));

        write("etc/it.demo.cfg", "port = eighty\nname = other\n");
        HealthCheck health = service(HealthCheck.class, "(objectClass=" + HealthCheck.class.getName() + ")");
        await("config DEGRADED naming the bad value", () -> health.health().status() == Health.Status.DEGRADED
                && "etc/it.demo.cfg: it.demo: port: not an integer: 'eighty'".equals(health.health().lastError()));
        assertEquals(8081, cm.getConfiguration("it.demo", "?").getProperties().get("port"));
        assertEquals("box", cm.getConfiguration("it.demo", "?").getProperties().get("name"));
        String list = command("list");
        assertTrue(list, list.contains("it.demo") && list.contains("refused"));

        write("etc/it.demo.cfg", "port = 666\nname = other\n");
        await("validator refusal", () -> health.health().lastError().endsWith("it.demo: port: not that one"));
        assertEquals(8081, cm.getConfiguration("it.demo", "?").getProperties().get("port"));

        String set = command("set", "it.demo", new String[] {"port=9000", "secretKey=abc"});
        assertTrue(set, set.startsWith("wrote etc/it.demo.cfg"));
        await("port 9000 delivered", () -> Integer.valueOf(9000).equals(seen.get().get("port")));
        String show = command("show", "it.demo");
        assertTrue(show, show.contains("secretKey = ***") && show.contains("port = 9000") && !show.contains("abc"));
        assertEquals(Health.Status.UP, health.health().status());

        String refused = command("set", "it.demo", new String[] {"port=x"});
        assertTrue(refused, refused.startsWith("refused") && refused.contains("it.demo: port: not an integer"));

        Files.delete(home().resolve("etc/it.demo.cfg"));
        await("configuration deleted", () -> listConfigurations("(service.pid=it.demo)") == 0);
    }

    @Test
    public void manifestBecomesFactoryConfigurationsAsOneUnit() throws Exception {
        Path file = write("etc/manifests/greet.yaml", greeting("a", "hello") + "---\n" + greeting("b", "hi"));
        await("refused for want of a handler", () -> command("list").contains("etc/manifests/greet.yaml"));
        assertEquals(0, listConfigurations("(service.factoryPid=it.greeting)"));

        context.registerService(ManifestHandler.class, new GreetingHandler(), null);
        await("two configurations", () -> listConfigurations("(service.factoryPid=it.greeting)") == 2);
        assertEquals("hello", text("a"));
        assertEquals("Greeting web/a", cm.getFactoryConfiguration("it.greeting", "web.a", "?").getProperties()
                .get("edgebox.object"));
        String set = command("set", "it.greeting~web.a", new String[] {"text=x"});
        assertTrue(set, set.contains("edit the manifest"));

        write("etc/manifests/greet.yaml", greeting("a", "hello again"));
        await("a updated, b deleted", () -> listConfigurations("(service.factoryPid=it.greeting)") == 1
                && "hello again".equals(text("a")));

        write("etc/manifests/greet.yaml", greeting("a", "changed") + "---\n" + greeting("c", ""));
        HealthCheck health = service(HealthCheck.class, "(objectClass=" + HealthCheck.class.getName() + ")");
        await("refused", () -> "etc/manifests/greet.yaml: Greeting web/c: spec.text: must not be empty"
                .equals(health.health().lastError()));
        assertEquals("hello again", text("a"));
        assertEquals(1, listConfigurations("(service.factoryPid=it.greeting)"));

        Files.delete(file);
        await("configurations deleted", () -> listConfigurations("(service.factoryPid=it.greeting)") == 0);
        await("health UP again", () -> health.health().status() == Health.Status.UP);
    }

    @Test
    public void rollbackGoesBackLiveThroughConfigAdmin() throws Exception {
        AtomicReference<Dictionary<String, ?>> seen = new AtomicReference<>();
        context.registerService(ManagedService.class, props -> seen.set(props),
                new Hashtable<>(Map.of("service.pid", "it.history")));
        write("etc/it.history.cfg", "level = one\n");
        await("level one delivered", () -> seen.get() != null && "one".equals(seen.get().get("level")));
        int first = revisionOf("file etc/it.history.cfg");

        write("etc/it.history.cfg", "level = two\n");
        await("level two delivered", () -> "two".equals(seen.get().get("level")));
        await("the change recorded", () -> command("history").contains("it.history level: one → two"));
        String diff = command("diff", first, revisionOf("it.history level: one → two"));
        assertTrue(diff, diff.contains("~ it.history  (etc/it.history.cfg)\n    level: one → two\n"));

        String rolled = command("rollback", first);
        assertTrue(rolled, rolled.startsWith("rolled back to revision " + first + ": now revision "));
        await("level one delivered again", () -> "one".equals(seen.get().get("level")));
        assertEquals("level = one\n", Files.readString(home().resolve("etc/it.history.cfg")));
        assertTrue(command("history").contains("rollback to " + first + " by console"));

        Files.delete(home().resolve("etc/it.history.cfg"));
        await("configuration deleted", () -> listConfigurations("(service.pid=it.history)") == 0);
    }

    /** The number of the newest revision whose line in config:history contains {@code text}. */
    private int revisionOf(String text) throws Exception {
        await("a revision with " + text, () -> command("history").contains(text));
        for (String line : command("history").split("\n")) {
            if (line.contains(text)) {
                return Integer.parseInt(line.strip().split("\\s+")[0]);
            }
        }
        throw new AssertionError(text);
    }

    @Test
    public void loadedConditionIsRegistered() throws Exception {
        await("condition", () -> context.getServiceReferences(Condition.class.getName(),
                "(" + Conditions.ID + "=" + Conditions.CONFIG_LOADED + ")") != null);
    }

    private static String greeting(String name, String text) {
        return "apiVersion: it.edgebox/v1\nkind: Greeting\nmetadata:\n  name: " + name
                + "\n  namespace: web\nspec:\n  text: \"" + text + "\"\n";
    }

    private String text(String name) throws Exception {
        org.osgi.service.cm.Configuration[] c = cm.listConfigurations("(service.pid=it.greeting~web." + name + ")");
        return c == null ? null : (String) c[0].getProperties().get("text");
    }

    private int listConfigurations(String filter) throws Exception {
        org.osgi.service.cm.Configuration[] c = cm.listConfigurations(filter);
        return c == null ? 0 : c.length;
    }

    private Path home() {
        return Path.of(context.getProperty("edgebox.home"));
    }

    /** Writes like an editor that saves atomically: a temporary file renamed over the old one. */
    private Path write(String rel, String text) throws IOException {
        Path target = home().resolve(rel);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    @SuppressWarnings("unchecked")
    private <T> T service(Class<T> type, String filter) throws Exception {
        String name = type == null ? null : type.getName();
        await(filter, () -> context.getServiceReferences(name, filter) != null);
        ServiceReference<?> ref = context.getServiceReferences(name, filter)[0];
        return (T) context.getService(ref);
    }

    /**
     * Runs a config:* command through the Gogo command service's method, as the shell would; a method that takes the
     * session first gets none (the user is then "console").
     */
    private String command(String name, Object... args) throws Exception {
        Object commands = service(null, "(&(osgi.command.scope=config)(osgi.command.function=" + name + "))");
        for (Method m : commands.getClass().getMethods()) {
            Class<?>[] types = m.getParameterTypes();
            boolean session = types.length > 0 && types[0].getName().endsWith(".CommandSession");
            if (m.getName().equals(name) && types.length == args.length + (session ? 1 : 0)) {
                Object[] all = new Object[types.length];
                System.arraycopy(args, 0, all, session ? 1 : 0, args.length);
                return (String) m.invoke(commands, all);
            }
        }
        throw new AssertionError("no config:" + name + " taking " + args.length + " arguments");
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!check.ok()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    /** it.greeting configurations, one per Greeting; refuses an empty text. */
    static final class GreetingHandler implements ManifestHandler {

        @Override
        public Set<ManifestKind> kinds() {
            return Set.of(GREETING);
        }

        @Override
        public ManifestTranslation translate(ManifestObject o) {
            Object text = ((Map<?, ?>) o.content().get("spec")).get("text");
            if (text == null || text.toString().isEmpty()) {
                return ManifestTranslation.refused(List.of(ConfigProblem.of("", "spec.text", "must not be empty")));
            }
            return ManifestTranslation.of(List.of(new ConfigurationSpec("it.greeting", o.namespace() + "." + o.name(),
                    Map.of("text", text))));
        }
    }

    /** Metatype of it.demo: an integer port, a string name. */
    static final class DemoMetatype implements MetaTypeProvider {

        @Override
        public ObjectClassDefinition getObjectClassDefinition(String id, String locale) {
            return new ObjectClassDefinition() {
                @Override
                public String getName() {
                    return "demo";
                }

                @Override
                public String getID() {
                    return "it.demo";
                }

                @Override
                public String getDescription() {
                    return "";
                }

                @Override
                public AttributeDefinition[] getAttributeDefinitions(int filter) {
                    return new AttributeDefinition[] {ad("port", AttributeDefinition.INTEGER),
                        ad("name", AttributeDefinition.STRING)};
                }

                @Override
                public java.io.InputStream getIcon(int size) {
                    return null;
                }
            };
        }

        @Override
        public String[] getLocales() {
            return null;
        }

        private static AttributeDefinition ad(String id, int type) {
            return new AttributeDefinition() {
                @Override
                public String getName() {
                    return id;
                }

                @Override
                public String getID() {
                    return id;
                }

                @Override
                public String getDescription() {
                    return "";
                }

                @Override
                public int getCardinality() {
                    return 0;
                }

                @Override
                public int getType() {
                    return type;
                }

                @Override
                public String[] getOptionValues() {
                    return null;
                }

                @Override
                public String[] getOptionLabels() {
                    return null;
                }

                @Override
                public String validate(String value) {
                    return null;
                }

                @Override
                public String[] getDefaultValue() {
                    return null;
                }
            };
        }
    }
}
