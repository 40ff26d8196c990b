package edgebox.l2;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
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

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.MetricsRegistry;

/**
 * The announcer in a real Felix with SCR, Config Admin and the objects bundle: a served Gateway's address, a
 * LoadBalancer Service's and a VIP of its own show in {@code l2:vips}; a refused VIP keeps its previous version and
 * says so; a deleted Gateway's address goes. The interfaces named match none, so nothing is captured or announced
 * on the wire and the host is left alone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class L2BundleIT {

    private static final long WAIT_MS = 10_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() {
        String netty = System.getProperty("v.netty");
        String bc = System.getProperty("v.bouncycastle");
        return options(
                frameworkProperty("edgebox.home").value(System.getProperty("it.home")),
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
                mavenBundle("net.java.dev.jna", "jna", System.getProperty("v.jna")),
                bundle("file:" + System.getProperty("api.jar")),
                bundle("file:" + System.getProperty("objects.jar")),
                bundle("file:" + System.getProperty("bundle.jar")),
                junitBundles(),
                cleanCaches());
    }

    @Test
    public void announcesFromTheObjectsSnapshotAndItsOwnConfigurations() throws Exception {
        context.registerService(MetricsRegistry.class, metrics(), null);
        configure(cm.getConfiguration("edgebox.l2", "?"), Map.of("interfaces", "edgebox-it-none",
                "hostIntegration", false));
        configure(cm.getFactoryConfiguration("edgebox.objects.gateway", "network.gw", "?"), Map.of(
                "apiVersion", "gateway.networking.k8s.io/v1", "kind", "Gateway", "metadata.name", "gw",
                "metadata.namespace", "network", "spec.gatewayClassName", "edgebox",
                "spec.addresses.0.value", "10.99.1.61", "spec.listeners.0.name", "http",
                "spec.listeners.0.port", 80L, "spec.listeners.0.protocol", "HTTP"));
        configure(cm.getFactoryConfiguration("edgebox.objects.service", "apps.web", "?"), Map.of(
                "apiVersion", "v1", "kind", "Service", "metadata.name", "web", "metadata.namespace", "apps",
                "spec.type", "LoadBalancer", "spec.loadBalancerIP", "10.99.1.70", "spec.ports.0.port", 443L));
        configure(cm.getFactoryConfiguration("edgebox.l2.vip", "it", "?"), Map.of("address", "10.99.1.1"));

        await("the Gateway's, the Service's and the VIP's addresses", () -> vips().contains("10.99.1.61")
                && vips().contains("Gateway network/gw") && vips().contains("10.99.1.70")
                && vips().contains("Service apps/web") && vips().contains("edgebox.l2.vip~it"));
        assertTrue(vips(), vips().contains("no interface matches edgebox-it-none"));

        configure(cm.getFactoryConfiguration("edgebox.l2.vip", "it", "?"), Map.of("address", "vip.example"));
        await("the refusal", () -> vips().contains("problem: edgebox.l2.vip~it: address: \"vip.example\" is not "
                + "an IP address; refused, its previous version stays in force"));
        assertTrue(vips(), vips().contains("10.99.1.1 "));

        cm.getFactoryConfiguration("edgebox.objects.gateway", "network.gw", "?").delete();
        await("the Gateway's address gone", () -> !vips().contains("10.99.1.61"));
        assertTrue(vips(), vips().contains("10.99.1.70"));
    }

    private static void configure(org.osgi.service.cm.Configuration c, Map<String, Object> properties)
            throws IOException {
        c.update(new Hashtable<>(properties));
    }

    /** {@code l2:vips}, as the console prints it; empty while the command is not registered. */
    private String vips() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=l2)(osgi.command.function=vips))");
            if (refs == null) {
                return "";
            }
            Object commands = context.getService(refs[0]);
            return (String) commands.getClass().getMethod("vips").invoke(commands);
        } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A registry that counts nothing: the announcer needs one, the test reads no metric. */
    private static MetricsRegistry metrics() {
        Counter counter = stub(Counter.class, "labels", null);
        return stub(MetricsRegistry.class, "counter", counter);
    }

    /** An instance of {@code type} whose method {@code name} returns {@code value} (null: itself), others nothing. */
    private static <T> T stub(Class<T> type, String name, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> method.getName().equals(name) ? (value == null ? proxy : value) : null;
                }));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what);
    }
}
