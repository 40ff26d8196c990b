package edgebox.lb.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** HTTP checks against a real HTTP server on loopback: 200, then 503, then a hang longer than the timeout. */
class HealthCheckerHttpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final int HANG = -1;

    private final AtomicInteger answer = new AtomicInteger(200);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private HealthChecker checker;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        checker = new HealthChecker((now, was, view) -> transitions.add(was + "->" + now.state()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        checker.close();
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " Host: "
                    + exchange.getRequestHeaders().getFirst("Host"));
            int status = answer.get();
            if (status == HANG) {
                release.await(5, TimeUnit.SECONDS);
                return;
            }
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HealthTarget target(String path) {
        int port = server.getAddress().getPort();
        return new HealthTarget(LOOPBACK, port, new HealthSpec(HealthCheck.HTTP, path, 0, Duration.ofMillis(600),
                Duration.ofMillis(500), 2, 2));
    }

    @Test
    void okThenServerErrorThenHangLongerThanTheTimeout() {
        HealthTarget target = target("/healthz?deep=1");
        String uri = "http://127.0.0.1:" + target.port() + "/healthz?deep=1";
        checker.update(List.of(target));
        Await.state(checker, target, HealthState.UP, LIMIT);
        assertEquals("GET /healthz?deep=1 Host: 127.0.0.1:" + target.port(), seen.getFirst());

        answer.set(503);
        TargetHealth down = Await.state(checker, target, HealthState.DOWN, LIMIT);
        assertEquals("GET " + uri + ": status 503", down.detail());

        answer.set(200);
        Await.state(checker, target, HealthState.UP, LIMIT);

        answer.set(HANG);
        long start = System.nanoTime();
        TargetHealth hung = Await.state(checker, target, HealthState.DOWN, LIMIT);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("GET " + uri + ": no answer within 500ms", hung.detail());
        assertTrue(tookMillis < 4000, "two hung checks took " + tookMillis + " ms");
        assertEquals(List.of("UNKNOWN->UP", "UP->DOWN", "DOWN->UP", "UP->DOWN"), transitions);
    }

    @Test
    void aRedirectIsHealthyAndNotFollowed() {
        answer.set(302);
        HealthTarget target = target("/");
        checker.update(List.of(target));
        Await.state(checker, target, HealthState.UP, LIMIT);
        assertTrue(seen.stream().allMatch(s -> s.startsWith("GET / ")), seen.toString());
    }

    @Test
    void closeInterruptsAHungCheck() {
        answer.set(HANG);
        HealthTarget target = new HealthTarget(LOOPBACK, server.getAddress().getPort(), new HealthSpec(
                HealthCheck.HTTP, "/", 0, Duration.ofSeconds(10), Duration.ofSeconds(5), 1, 1));
        checker.update(List.of(target));
        Await.until("the check to reach the server", LIMIT, () -> !seen.isEmpty(), seen::toString);
        long start = System.nanoTime();
        checker.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1500, "close took " + tookMillis + " ms");
        assertEquals(List.of(), transitions);
    }
}
