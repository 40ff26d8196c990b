package edgebox.lb;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
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
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.api.config.FlatProperties;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.policy.PolicyDecisionPoint;

/**
 * The load balancer in a real Felix with SCR, Config Admin and the objects bundle: it starts with its data path off,
 * balances a LoadBalancer Service over its EndpointSlice in {@code lb:services}, {@code lb:backends} and
 * {@code lb:maglev}, reports a Service without endpoints, has its validator refuse a bad {@code edgebox.lb}, keeps
 * its settings when a bad one is written past the validator, says which configured interface it cannot open,
 * stops without leaving a thread, starts with its data path off when the settings it finds are bad, and takes up
 * the highest-ranked policy decision point and lets it go without being restarted. No interface is opened (the one
 * configured does not exist), the Services are not health checked, and host integration is off, so no route is
 * added to the host.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LbBundleIT {

    private static final long WAIT_MS = 10_000;
    private static final String VIP = "10.99.2.10";
    private static final String EMPTY_VIP = "10.99.2.11";
    private static final String MISSING_INTERFACE = "eblbnone0";

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
    public void t1_withNoInterfaceTheDataPathIsOffAndHealthUp() throws Exception {
        registerMetrics();
        await("the lb health entry UP with the data path off", () -> health() != null
                && health().status() == Health.Status.UP && health().detail().contains("data path off"));
        assertTrue(command("services"), command("services").contains("no interface (off)"));
    }

    @Test
    public void t2_aServiceAndItsEndpointSliceAreBalanced() throws Exception {
        registerMetrics();
        configure(cm.getFactoryConfiguration("edgebox.objects.service", "apps.web", "?"), service("web", VIP, 80));
        configure(cm.getFactoryConfiguration("edgebox.objects.endpointslice", "apps.web-1", "?"),
                FlatProperties.flatten(Map.of("apiVersion", "discovery.k8s.io/v1", "kind", "EndpointSlice",
                        "metadata", Map.of("name", "web-1", "namespace", "apps",
                                "labels", Map.of("kubernetes.io/service-name", "web")),
                        "addressType", "IPv4",
                        "ports", List.of(Map.of("name", "http", "port", 80L)),
                        "endpoints", List.of(ready("10.99.3.1"), ready("10.99.3.2")))));

        await("the Service in lb:services", () -> command("services").contains(VIP + ":80/TCP"));
        String services = command("services");
        assertTrue(services, services.contains("apps/web"));
        assertTrue(services, services.contains("2/2"));
        String backends = command("backends");
        assertTrue(backends, backends.contains("10.99.3.1:80") && backends.contains("10.99.3.2:80"));
        assertTrue(backends, backends.contains("ACTIVE"));

        String maglev = command("maglev", VIP);
        assertTrue(maglev, maglev.contains(VIP + ":80/TCP (apps/web): table 65537 slots, seed 0, 2 backends"));
        assertTrue(maglev, maglev.contains("10.99.3.1:80") && maglev.contains("10.99.3.2:80"));
        assertEquals("no virtual service matches 10.99.2.99\n", command("maglev", "10.99.2.99"));
        assertTrue(command("maglev", "web"), command("maglev", "web").contains("is not VIP, VIP:PORT"));
    }

    @Test
    public void t3_aServiceWithoutEndpointsIsAProblem() throws Exception {
        registerMetrics();
        configure(cm.getFactoryConfiguration("edgebox.objects.service", "apps.empty", "?"),
                service("empty", EMPTY_VIP, 443));
        await("the problem in lb:services", () -> command("services").contains("problem: Service apps/empty: "
                + "spec.ports[0]: no ready endpoints for " + EMPTY_VIP + ":443/TCP; its new flows are dropped"));
        String services = command("services");
        assertTrue(services, services.contains(EMPTY_VIP + ":443/TCP") && services.contains("0/0"));
        String maglev = command("maglev", EMPTY_VIP + ":443/tcp");
        assertTrue(maglev, maglev.contains("no backend takes new flows: the table is empty"));
    }

    @Test
    public void t4_theValidatorRefusesABadTableSizeNamingTheField() throws Exception {
        ServiceReference<ConfigValidator> ref = context.getServiceReferences(ConfigValidator.class,
                "(" + ConfigValidator.PIDS + "=edgebox.lb)").iterator().next();
        ConfigValidator validator = context.getService(ref);
        List<ConfigProblem> problems = validator.validate("edgebox.lb", Map.of("tableSize", 1000));
        assertEquals(problems.toString(), 1, problems.size());
        assertEquals("tableSize", problems.get(0).field());
        assertEquals("must be one of 16381, 65537, 131071, was 1000", problems.get(0).reason());
        assertEquals(List.of(), validator.validate("edgebox.lb", Map.of("tableSize", 16381)));
    }

    @Test
    public void t5_settingsWrittenPastTheValidatorAreRefusedAndThePreviousOnesKept() throws Exception {
        registerMetrics();
        await("the Service balanced", () -> command("services").contains(VIP + ":80/TCP"));
        org.osgi.service.cm.Configuration lb = cm.getConfiguration("edgebox.lb", "?");
        configure(lb, Map.of("tableSize", 1000, "hostIntegration", false));
        await("the refusal in lb:services", () -> command("services").contains("problem: edgebox.lb: tableSize: must "
                + "be one of 16381, 65537, 131071, was 1000; refused, the previous settings stay in force"));
        assertTrue(command("maglev", VIP), command("maglev", VIP).contains("table 65537 slots"));
        assertEquals(Health.Status.DEGRADED, health().status());
        assertTrue(health().lastError(), health().lastError().startsWith("edgebox.lb: tableSize: "));

        configure(lb, Map.of("tableSize", 16381, "hostIntegration", false));
        await("the good settings applied", () -> command("maglev", VIP).contains("table 16381 slots"));
        assertTrue(command("services"), !command("services").contains("edgebox.lb"));
        assertEquals(Health.Status.UP, health().status());
    }

    @Test
    public void t6_anInterfaceThatCannotBeOpenedIsNamedInTheHealth() throws Exception {
        registerMetrics();
        await("the Service balanced", () -> command("services").contains(VIP + ":80/TCP"));
        org.osgi.service.cm.Configuration lb = cm.getConfiguration("edgebox.lb", "?");
        configure(lb, Map.of("interfaces", MISSING_INTERFACE, "hostIntegration", false));
        await("the health naming " + MISSING_INTERFACE, () -> {
            Health h = health();
            return h != null && h.status() != Health.Status.UP && h.lastError() != null
                    && h.lastError().contains(MISSING_INTERFACE);
        });
        assertEquals("interface " + MISSING_INTERFACE + ": no such interface", health().lastError());
        assertTrue(command("services"), command("services").contains("interface " + MISSING_INTERFACE));
        assertTrue("no port thread for an interface that did not open", threads("lb-port-").isEmpty());

        configure(lb, Map.of("interfaces", new String[0], "hostIntegration", false));
        await("the data path off again", () -> health() != null && health().status() == Health.Status.UP
                && health().detail().contains("data path off"));
    }

    @Test
    public void t7_theBundleStopsWithoutAThreadLeftAndStartsAgain() throws Exception {
        registerMetrics();
        await("the Service balanced", () -> command("services").contains(VIP + ":80/TCP"));
        assertTrue("the compiler runs while active", !threads("edgebox-lb-").isEmpty());
        Bundle lb = installed("edgebox.lb");

        lb.stop();
        await("no lb thread left", () -> threads("lb-").isEmpty() && threads("edgebox-lb-").isEmpty());
        assertNull("no health entry while stopped", health());
        assertEquals("no lb:services while stopped", "", command("services"));

        lb.start();
        await("the Service balanced again", () -> command("services").contains(VIP + ":80/TCP"));
        assertNotNull(health());
        assertEquals(Health.Status.UP, health().status());
    }

    @Test
    public void t8_badSettingsFoundAtStartLeaveTheDataPathOffAndSaySo() throws Exception {
        registerMetrics();
        Bundle lb = installed("edgebox.lb");
        lb.stop();
        configure(cm.getConfiguration("edgebox.lb", "?"), Map.of("interfaces", MISSING_INTERFACE,
                "healthInterval", "soon", "hostIntegration", false));
        lb.start();

        await("the refusal in the health entry", () -> health() != null
                && health().status() == Health.Status.DEGRADED);
        assertEquals("edgebox.lb: healthInterval: \"soon\" is not a duration such as 5s or 500ms; refused, the "
                + "previous settings stay in force", health().lastError());
        assertTrue(health().detail(), health().detail().contains("data path off"));
        await("the Service balanced with the defaults", () -> command("services").contains(VIP + ":80/TCP"));
    }

    @Test
    public void t9_aPolicyDecisionPointIsTakenUpAndLetGoWithoutRestartingTheComponent() throws Exception {
        registerMetrics();
        Bundle lb = installed("edgebox.lb");
        await("the lb component active", () -> viewId() != null);
        Object viewId = viewId();

        ServiceRegistration<PolicyDecisionPoint> first = context.registerService(PolicyDecisionPoint.class,
                nothing(PolicyDecisionPoint.class), null);
        await("the first decision point bound", () -> uses(first.getReference(), lb));
        Hashtable<String, Object> ranked = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 10));
        ServiceRegistration<PolicyDecisionPoint> better = context.registerService(PolicyDecisionPoint.class,
                nothing(PolicyDecisionPoint.class), ranked);
        await("the higher-ranked one taken up in its place", () -> uses(better.getReference(), lb)
                && !uses(first.getReference(), lb));

        better.unregister();
        await("the first one bound again", () -> uses(first.getReference(), lb));
        first.unregister();
        assertEquals("the component was not restarted", viewId, viewId());
    }

    /** The service id of the lb component's view, or null while it is not registered. */
    private Object viewId() {
        ServiceReference<?> view = context.getServiceReference("edgebox.lb.LbView");
        return view == null ? null : view.getProperty(Constants.SERVICE_ID);
    }

    private static boolean uses(ServiceReference<?> reference, Bundle bundle) {
        Bundle[] using = reference.getUsingBundles();
        return using != null && List.of(using).contains(bundle);
    }

    /** A LoadBalancer Service {@code apps/NAME} on {@code vip}, port {@code port} named http, not health checked. */
    private static Map<String, Object> service(String name, String vip, long port) {
        return FlatProperties.flatten(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", name, "namespace", "apps",
                        "annotations", Map.of("edgebox.io/health-check", "none")),
                "spec", Map.of("type", "LoadBalancer", "loadBalancerIP", vip,
                        "ports", List.of(Map.of("name", "http", "port", port)))));
    }

    private static Map<String, Object> ready(String address) {
        return Map.of("addresses", List.of(address), "conditions", Map.of("ready", true));
    }

    private static void configure(org.osgi.service.cm.Configuration c, Map<String, Object> properties)
            throws IOException {
        c.update(new Hashtable<>(properties));
    }

    /** The live threads whose names start with {@code prefix}. */
    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    private Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** The {@code lb} health entry, or null while none is registered. */
    private Health health() {
        try {
            for (ServiceReference<HealthCheck> r : context.getServiceReferences(HealthCheck.class, null)) {
                HealthCheck h = context.getService(r);
                if (h != null && "lb".equals(h.function())) {
                    return h.health();
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code lb:NAME ARGS}, as the console prints it; empty while the command is not registered. */
    private String command(String name, String... args) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=lb)(osgi.command.function=" + name + "))");
            if (refs == null) {
                return "";
            }
            Object commands = context.getService(refs[0]);
            Class<?>[] types = new Class<?>[args.length];
            java.util.Arrays.fill(types, String.class);
            return (String) commands.getClass().getMethod(name, types).invoke(commands, (Object[]) args);
        } catch (ReflectiveOperationException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A registry that counts nothing, once: the component needs one, the test reads no metric. */
    private void registerMetrics() {
        if (context.getServiceReference(MetricsRegistry.class) == null) {
            context.registerService(MetricsRegistry.class, nothing(MetricsRegistry.class), null);
        }
    }

    /** An instance of {@code type} whose methods do nothing and return such instances of their interface types. */
    private static <T> T nothing(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> method.getReturnType().isInterface() ? nothing(method.getReturnType()) : null;
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
