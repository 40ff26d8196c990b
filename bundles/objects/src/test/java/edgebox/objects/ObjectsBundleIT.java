package edgebox.objects;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;

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

import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ManifestHandler;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSource;

/**
 * The objects bundle in a real Felix with SCR and Config Admin: a configuration written straight into Config Admin
 * (no file, no validation before it) is served; a bad update is refused with its field and the last good object
 * keeps serving; only a delete removes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ObjectsBundleIT {

    private static final long WAIT_MS = 10_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() throws IOException {
        Path home = Files.createTempDirectory("edgebox-objects-it");
        String netty = System.getProperty("v.netty");
        String bc = System.getProperty("v.bc");
        return options(
                frameworkProperty("edgebox.home").value(home.toString()),
                mavenBundle("org.slf4j", "slf4j-api", System.getProperty("v.slf4j")),
                mavenBundle("org.slf4j", "slf4j-simple", System.getProperty("v.slf4j")).noStart(),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("v.scr")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("v.configadmin")),
                mavenBundle("io.netty", "netty-common", netty),
                mavenBundle("io.netty", "netty-buffer", netty),
                mavenBundle("io.netty", "netty-resolver", netty),
                mavenBundle("io.netty", "netty-transport", netty),
                mavenBundle("org.bouncycastle", "bcprov-jdk18on", bc),
                mavenBundle("org.bouncycastle", "bcutil-jdk18on", bc),
                mavenBundle("org.bouncycastle", "bcpkix-jdk18on", bc),
                mavenBundle("org.yaml", "snakeyaml", System.getProperty("v.snakeyaml")),
                bundle("file:" + System.getProperty("api.jar")),
                bundle("file:" + System.getProperty("bundle.jar")),
                junitBundles(),
                cleanCaches());
    }

    @Test
    public void aDirectConfigAdminWriteIsCheckedAndTheLastGoodObjectStays() throws Exception {
        assertNotNull("the manifest handler and validator are registered",
                context.getServiceReference(ManifestHandler.class));
        assertNotNull(context.getServiceReferences(ConfigValidator.class,
                "(edgebox.config.pids=edgebox.objects.service)").iterator().next());
        ObjectSource source = await(ObjectSource.class);

        org.osgi.service.cm.Configuration c = cm.getFactoryConfiguration("edgebox.objects.service", "apps.web", "?");
        c.update(service("80"));
        await("the Service is served", () -> port(source.current()) == 80);
        assertEquals(Long.valueOf(source.current().version()),
                context.getServiceReference(ObjectSource.class).getProperty(ObjectSource.VERSION));

        c.update(service("99999"));
        HealthCheck health = healthOf("objects");
        await("the refusal shows", () -> health.health().status() == Health.Status.DEGRADED);
        assertTrue(health.health().lastError(), health.health().lastError().contains("spec.ports[0].port"));
        assertEquals("the last good version keeps serving", 80, port(source.current()));
        await("the snapshot carries the refusal",
                () -> source.current().problems().toString().contains("must be 1-65535"));
        assertEquals("and still the last good version", 80, port(source.current()));

        c.update(service("81"));
        await("a good update is served", () -> port(source.current()) == 81);
        await("and the health is UP again", () -> health.health().status() == Health.Status.UP);

        c.delete();
        await("only a delete removes", () -> source.current().services().isEmpty());
    }

    private static Hashtable<String, Object> service(String port) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("apiVersion", "v1");
        p.put("kind", "Service");
        p.put("metadata.name", "web");
        p.put("metadata.namespace", "apps");
        p.put("spec.ports.0.port", port);
        return p;
    }

    private static int port(ObjectSnapshot s) {
        List<edgebox.api.objects.Service> services = s.services();
        return services.isEmpty() ? -1 : services.get(0).ports().get(0).port();
    }

    private HealthCheck healthOf(String function) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (ServiceReference<HealthCheck> r : context.getServiceReferences(HealthCheck.class, null)) {
                HealthCheck h = context.getService(r);
                if (function.equals(h.function())) {
                    return h;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no health check " + function);
    }

    private <T> T await(Class<T> type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<T> r = context.getServiceReference(type);
            if (r != null) {
                return context.getService(r);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(type.getSimpleName() + " was not registered within " + WAIT_MS + " ms");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
    }
}
