package edgebox.proxy.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import edgebox.proxy.balance.BalanceSettings.HealthCheck;
import edgebox.proxy.balance.BalanceSettings.Outlier;
import edgebox.proxy.balance.BalanceSettings.Policy;
import edgebox.objects.testing.TestCertificates;
import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.tls.BackendTlsContexts;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Active checks over real sockets on 127.0.0.1 against a JDK HttpServer, a closed port and a silent listener. */
class ActiveHealthChecksTest {

    private record Result(InetSocketAddress address, boolean healthy, boolean passed) {
    }

    private static final HealthCheck CHECK = new HealthCheck("/healthz", "", Duration.ofMillis(100),
            Duration.ofMillis(100), 2, 2);

    private final AtomicInteger status = new AtomicInteger(200);
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private EventLoopGroup group;
    private HttpServer server;
    private InetSocketAddress serverAddress;
    private BalancerRegistry registry;
    private ActiveHealthChecks checks;

    @BeforeEach
    void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        serverAddress = server.getAddress();
        registry = new BalancerRegistry(new BalanceSettings(Policy.ROUND_ROBIN, Map.of(), 0,
                new Outlier(1, Duration.ofSeconds(60), Duration.ofSeconds(300), 100), CHECK), System::nanoTime);
        checks = new ActiveHealthChecks(CHECK, group, NioSocketChannel.class, (address, healthy, passed) -> {
            registry.checked(address, healthy, passed);
            results.add(new Result(address, healthy, passed));
        }, new BackendTlsContexts());
    }

    @AfterEach
    void stop() {
        checks.close();
        server.stop(0);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aFailingEndpointLeavesAfterTheThresholdAndReturnsAfterPasses() throws Exception {
        Cluster c = new Cluster("default/web:80", "", List.of(new Endpoint(serverAddress, true, true)), "");
        Balancer b = registry.balancer(c.name());
        checks.update(List.of(c));
        assertEquals(1, checks.size());
        await(r -> r.passed() && r.healthy()); // the first, cold probes may time out
        assertEquals("GET /healthz 127.0.0.1:" + serverAddress.getPort(), requests.poll(5, TimeUnit.SECONDS));
        assertEquals(serverAddress, b.pick(c).address());

        status.set(503);
        Result first = await(r -> !r.passed());
        assertTrue(first.healthy(), "one failure is below the unhealthy threshold of 2");
        await(r -> !r.healthy());
        assertNull(b.pick(c), "unhealthy, panic off: nothing to pick");

        status.set(204);
        Result pass = await(r -> r.passed());
        assertFalse(pass.healthy(), "one pass is below the healthy threshold of 2");
        await(r -> r.healthy());
        assertEquals(serverAddress, b.pick(c).address());
    }

    @Test
    void aPassedCheckReturnsAnEjectedEndpoint() throws Exception {
        Cluster c = new Cluster("default/web:80", "", List.of(new Endpoint(serverAddress, true, true)), "");
        Balancer b = registry.balancer(c.name());
        Endpoint e = b.pick(c);
        b.finished(e, false);
        assertNull(b.pick(c), "ejected for 60 s by one failure");
        checks.update(List.of(c));
        await(r -> r.passed() && r.healthy());
        assertEquals(e, b.pick(c));
    }

    @Test
    void refusedAndSilentEndpointsFail() throws Exception {
        InetSocketAddress refused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = (InetSocketAddress) s.getLocalSocketAddress();
        }
        try (ServerSocket silent = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            InetSocketAddress quiet = (InetSocketAddress) silent.getLocalSocketAddress();
            Cluster c = new Cluster("default/down:80", "", List.of(new Endpoint(refused, true, true),
                    new Endpoint(quiet, true, true)), "");
            checks.update(List.of(c));
            assertEquals(2, checks.size());
            await(r -> r.address().equals(refused) && !r.healthy());
            long before = System.nanoTime();
            await(r -> r.address().equals(quiet) && !r.healthy());
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void endpointsGoneOrNotReadyAreNotChecked() throws Exception {
        Cluster c = new Cluster("default/web:80", "", List.of(new Endpoint(serverAddress, true, true)), "");
        checks.update(List.of(c));
        await(r -> r.passed());
        checks.update(List.of(new Cluster(c.name(), "", List.of(new Endpoint(serverAddress, false, true)), "")));
        assertEquals(0, checks.size());
        while (requests.poll(100, TimeUnit.MILLISECONDS) != null) {
            requests.clear(); // a probe written before the update may still arrive
        }
        assertNull(requests.poll(300, TimeUnit.MILLISECONDS), "three intervals without a request");
        checks.update(List.of(c));
        checks.close();
        assertEquals(0, checks.size());
        checks.update(List.of(c));
        assertEquals(0, checks.size(), "closed checks start nothing");
    }

    @Test
    void offWithoutAPath() {
        ActiveHealthChecks off = new ActiveHealthChecks(HealthCheck.DEFAULTS, group, NioSocketChannel.class,
                registry, new BackendTlsContexts());
        off.update(List.of(new Cluster("default/web:80", "", List.of(new Endpoint(serverAddress, true, true)), "")));
        assertEquals(0, off.size());
    }

    @Test
    void anEndpointUnderABackendTlsPolicyIsCheckedOverTlsAndVerified() throws Exception {
        TestCertificates.Made backendCert = TestCertificates.make(TestCertificates.Kind.EC, "backend.test");
        TestCertificates.Made rogue = TestCertificates.make(TestCertificates.Kind.EC, "backend.test");
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(backendCert)));
        https.createContext("/", exchange -> {
            requests.add("TLS " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        try {
            InetSocketAddress address = https.getAddress();
            BackendTls trusted = new BackendTls("apps/web-tls", "backend.test", List.of(backendCert.certificate()),
                    false, List.of("backend.test"), List.of(), "");
            Cluster c = new Cluster("apps/web:443", "", List.of(new Endpoint(address, true, true)), "", trusted);
            checks.update(List.of(c));
            await(r -> r.passed() && r.healthy());
            assertEquals("TLS GET /healthz", requests.poll(5, TimeUnit.SECONDS));

            BackendTls untrusted = new BackendTls("apps/web-tls", "backend.test", List.of(rogue.certificate()),
                    false, List.of("backend.test"), List.of(), "");
            checks.update(List.of(new Cluster(c.name(), "", c.endpoints(), "", untrusted)));
            await(r -> r.address().equals(address) && !r.healthy());
            requests.clear();
            assertNull(requests.poll(300, TimeUnit.MILLISECONDS), "an unverified backend gets no request");
        } finally {
            https.stop(0);
        }
    }

    private static SSLContext serverContext(TestCertificates.Made made) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] none = new char[0];
        store.setKeyEntry("backend", made.keys().getPrivate(), none, new X509Certificate[] {made.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, none);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The first result matching {@code p}, within 5 s. */
    private Result await(Predicate<Result> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            Result r = results.poll(left, TimeUnit.NANOSECONDS);
            if (r != null && p.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no matching health check result within 5 s");
    }
}
