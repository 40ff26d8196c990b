package edgebox.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

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
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.condition.Condition;

import edgebox.api.health.Conditions;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.health.http.TestPolicy;

/**
 * The health bundle in a real Felix with SCR, Config Admin, Metatype, netty and the net bundle: /metrics over a
 * socket carries the runtime's and other bundles' metrics; a DOWN health check and a missing condition take
 * readiness (and the edgebox.ready condition) away and give it back; a registered policy decision point decides
 * who is served; a new port rebinds live.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthBundleIT {

    private static final long WAIT_MS = 10_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() {
        String netty = System.getProperty("v.netty");
        return options(
                mavenBundle("org.slf4j", "slf4j-api", System.getProperty("v.slf4j")),
                mavenBundle("org.slf4j", "slf4j-simple", System.getProperty("v.slf4j")),
                mavenBundle("org.osgi", "org.osgi.service.log", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("v.scr")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("v.configadmin")),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype", System.getProperty("v.metatype")),
                mavenBundle("io.netty", "netty-common", netty),
                mavenBundle("io.netty", "netty-buffer", netty),
                mavenBundle("io.netty", "netty-resolver", netty),
                mavenBundle("io.netty", "netty-transport", netty),
                mavenBundle("io.netty", "netty-transport-native-unix-common", netty),
                mavenBundle("io.netty", "netty-transport-native-epoll", netty).classifier("linux-x86_64").noStart(),
                mavenBundle("io.netty", "netty-transport-classes-epoll", netty),
                mavenBundle("io.netty", "netty-transport-native-io_uring", netty).classifier("linux-x86_64").noStart(),
                mavenBundle("io.netty", "netty-transport-classes-io_uring", netty),
                mavenBundle("io.netty", "netty-codec-base", netty),
                mavenBundle("io.netty", "netty-codec-compression", netty),
                mavenBundle("io.netty", "netty-handler", netty),
                mavenBundle("io.netty", "netty-codec-http", netty),
                bundle("file:" + System.getProperty("api.jar")),
                bundle("file:" + System.getProperty("net.jar")),
                // started by the test once its configuration is in place, so it never touches port 9090
                bundle("file:" + System.getProperty("bundle.jar")).noStart(),
                junitBundles(),
                cleanCaches());
    }

    @Test
    public void metricsReadinessConditionAndRebind() throws Exception {
        int port = freePort();
        configure(port);
        Bundle health = installed("edgebox.health");
        health.start();
        await("/metrics answers on " + port, () -> get(port, "/metrics").status() == 200);

        Reply metrics = get(port, "/metrics");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType());
        assertTrue(metrics.body(), metrics.body().contains("\nedgebox_bundles{state=\"active\"} "));
        assertTrue(metrics.body(), metrics.body().contains("\nedgebox_uptime_seconds "));
        // declared by the net bundle through its own MetricsRegistry
        assertTrue(metrics.body(), metrics.body().matches("(?s).*\nedgebox_net_event_loops\\{transport=\"(io_uring|epoll|nio)\"} [1-9].*"));
        assertTrue(metrics.body(), metrics.body().contains("\nedgebox_function_up{function=\"net\"} 1"));
        assertEquals(404, get(port, "/nothing").status());

        // without the two conditions the box is not ready, and says why
        Reply notReady = get(port, "/readyz");
        assertEquals(notReady.body(), 503, notReady.status());
        assertTrue(notReady.body(), notReady.body().contains("condition edgebox.config.loaded not registered"));
        assertNull(readyCondition());

        ServiceRegistration<Condition> config = condition(Conditions.CONFIG_LOADED);
        ServiceRegistration<Condition> features = condition(Conditions.FEATURES_BOOTED);
        await("ready", () -> get(port, "/readyz").status() == 200, () -> get(port, "/readyz").body());
        await("edgebox.ready registered", () -> readyCondition() != null);
        assertEquals("ok\n", get(port, "/healthz").body());

        HealthCheck down = new HealthCheck() {
            @Override
            public String function() {
                return "it";
            }

            @Override
            public Health health() {
                return Health.down("test function", "broken on purpose");
            }
        };
        ServiceRegistration<HealthCheck> check = context.registerService(HealthCheck.class, down, null);
        await("not ready with a DOWN function", () -> get(port, "/readyz").status() == 503);
        assertTrue(get(port, "/readyz").body().contains("function it DOWN: test function (last error: broken on purpose)"));
        assertEquals(503, get(port, "/healthz").status());
        await("edgebox.ready withdrawn", () -> readyCondition() == null);
        assertTrue(get(port, "/metrics").body().contains("\nedgebox_function_up{function=\"it\"} 0"));

        check.unregister();
        await("ready again", () -> get(port, "/readyz").status() == 200);
        await("edgebox.ready back", () -> readyCondition() != null);

        features.unregister();
        await("not ready without features", () -> get(port, "/readyz").body()
                .contains("condition edgebox.features.booted not registered"));
        features = condition(Conditions.FEATURES_BOOTED);
        await("ready with features", () -> get(port, "/readyz").status() == 200);

        // the console command formats the same report
        var commandRefs = context.getServiceReferences((String) null, "(osgi.command.scope=edgebox)");
        assertNotNull("edgebox commands registered", commandRefs);
        Object commands = context.getService(commandRefs[0]);
        String status = (String) commands.getClass().getMethod("status").invoke(commands);
        assertTrue(status, status.contains("ready: yes") && status.contains("net ") && status.contains("health "));

        // a policy decision point, once registered, decides who is served
        TestPolicy deny = TestPolicy.always(Decision.DENY);
        ServiceRegistration<PolicyDecisionPoint> denying =
                context.registerService(PolicyDecisionPoint.class, deny, null);
        assertTrue("closed without an answer", closedWithoutAnswer(port, "/healthz"));
        assertTrue(deny.connections.toString(),
                deny.connections.contains("metrics 127.0.0.1 -> 127.0.0.1:" + port + "/6"));
        denying.unregister();
        TestPolicy rules = new TestPolicy(Decision.REQUESTS,
                r -> r.path().equals("/healthz") ? Verdict.deny("policy it/health rule 0") : Verdict.ALLOW);
        ServiceRegistration<PolicyDecisionPoint> perRequest =
                context.registerService(PolicyDecisionPoint.class, rules, null);
        // on a new connection: one kept alive from before keeps the decision it was accepted with
        String forbidden = exchangeOnNewConnection(port, "/healthz");
        assertTrue(forbidden, forbidden.startsWith("HTTP/1.1 403 Forbidden\r\n")
                && forbidden.endsWith("\r\n\r\naccess denied\n"));
        String counted = get(port, "/metrics").body();
        assertTrue(counted, counted.contains("\nedgebox_health_policy_refused_total{stage=\"connection\"} 1"));
        assertTrue(counted, counted.contains("\nedgebox_health_policy_refused_total{stage=\"request\"} 1"));
        perRequest.unregister();
        assertEquals("served again without a decision point", "ok\n", get(port, "/healthz").body());

        // a new port rebinds live; the old one closes
        int other = freePort();
        configure(other);
        await("rebound to " + other, () -> get(other, "/healthz").status() == 200);
        await("old port " + port + " closed", () -> get(port, "/healthz").status() == -1);

        config.unregister();
        features.unregister();
    }

    private Bundle installed(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + name);
    }

    private void configure(int port) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("address", "127.0.0.1");
        props.put("port", port);
        cm.getConfiguration("edgebox.health", "?").update(props);
    }

    private ServiceRegistration<Condition> condition(String id) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Conditions.ID, id);
        return context.registerService(Condition.class, Condition.INSTANCE, props);
    }

    private Object readyCondition() {
        try {
            var refs = context.getServiceReferences(Condition.class, "(" + Conditions.ID + "=" + Conditions.READY + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    record Reply(int status, String contentType, String body) {
    }

    /** A GET on loopback; status -1 when nothing listens. */
    private static Reply get(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            c.setConnectTimeout(2_000);
            c.setReadTimeout(2_000);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(status, c.getContentType(), body);
            }
        } catch (ConnectException e) {
            return new Reply(-1, null, e.toString());
        } catch (IOException e) {
            throw new AssertionError("GET " + port + path + ": " + e, e);
        }
    }

    /** True when the server closes a new connection without an HTTP answer. */
    private static boolean closedWithoutAnswer(int port, String path) throws IOException {
        try {
            return exchangeOnNewConnection(port, path).isEmpty();
        } catch (java.net.SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    /** A GET with {@code Connection: close} on a connection of its own; what the server sent until it closed. */
    private static String exchangeOnNewConnection(int port, String path) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT_MS + " ms waiting for: " + what + " " + detail.get());
            }
            Thread.sleep(50);
        }
    }
}
