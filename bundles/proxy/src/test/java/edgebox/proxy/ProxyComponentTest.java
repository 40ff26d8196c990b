package edgebox.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import edgebox.api.health.Health;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import org.junit.jupiter.api.Test;

/** ProxyComponent built by hand: snapshots bind ports, requests flow and count, health names failures. */
class ProxyComponentTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void servesTheSnapshotsPortsAndLetsGoOnDeactivate() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", ex -> {
            byte[] body = ("backend saw " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        backend.start();
        Cluster cluster = new Cluster("ns/svc:80", "", List.of(new Endpoint(backend.getAddress(), true, true)), "");
        int port = freePort();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        InetSocketAddress unbindable = new InetSocketAddress("192.0.2.1", 80);
        MemoryMetrics metrics = new MemoryMetrics();
        TestWiring.Source source = new TestWiring.Source();
        try (TestWiring.NioTransport transport = new TestWiring.NioTransport()) {
            ProxyComponent proxy = new ProxyComponent(null,
                    TestWiring.config(Map.of("drainTimeoutMillis", 500L, "accessLogFile", "-")),
                    transport, new TestWiring.PlainHub(transport), source, metrics);
            assertEquals(Health.Status.UP, proxy.health().status());
            source.publish(TestWiring.snapshot(Map.of(address, TestWiring.plainPort(port, head -> new Forward(
                    "HTTPRoute ns/web", 0, head.host(), head.path(), HeaderChanges.NONE, HeaderChanges.NONE,
                    new RouteDecision.WeightedClusters(List.of(cluster), new int[] {1}), List.of(),
                    RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE)))));
            await(() -> proxy.health().detail().contains("1 listening"), "bound: " + proxy.health());

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/hello")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("backend saw /hello", r.body());
            String requests = "edgebox_proxy_requests_total{ns/gw,HTTPRoute ns/web,ns/svc:80,2xx}";
            await(() -> metrics.values.containsKey(requests), "counted after the response: " + metrics.values);
            assertEquals(1.0, metrics.values.get(requests));
            assertEquals(1.0, metrics.values.get("edgebox_proxy_active_connections"));

            proxy.publish("tok", "tok.thumb");
            HttpResponse<String> acme = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/.well-known/acme-challenge/tok")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("tok.thumb", acme.body());

            source.publish(TestWiring.snapshot(Map.of(address, source.current().ports().get(address),
                    unbindable, source.current().ports().get(address))));
            await(() -> proxy.health().status() == Health.Status.DEGRADED, "degraded: " + proxy.health());
            assertTrue(proxy.health().lastError().contains("192.0.2.1:80"), proxy.health().lastError());

            proxy.deactivate();
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/gone")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } finally {
            backend.stop(0);
        }
    }
}
