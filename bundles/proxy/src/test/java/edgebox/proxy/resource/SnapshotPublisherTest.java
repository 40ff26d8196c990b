package edgebox.proxy.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import edgebox.api.route.RouteHostname;
import edgebox.proxy.model.Parser;
import edgebox.proxy.model.Resource;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.route.ProxySnapshot;

/** The debounced compile: changes reach subscribers within the 50 ms budget, in order, batched. */
class SnapshotPublisherTest {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<List<RouteHostname>> tables = new LinkedBlockingQueue<>();
    private final SnapshotPublisher publisher = new SnapshotPublisher(thread, 5,
            new Compiler.Settings("127.0.0.1", Set.of("edgebox")), c -> tables.add(c.hostnames()));

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private static Resource gateway(int port) {
        return Parser.parse(Map.of("apiVersion", "gateway.networking.k8s.io/v1", "kind", "Gateway",
                "metadata", Map.of("name", "gw", "namespace", "net"),
                "spec", Map.of("gatewayClassName", "edgebox", "listeners",
                        List.of(Map.of("name", "http", "port", port, "protocol", "HTTP"))))).resource();
    }

    @Test
    void changesArriveDebouncedAndInOrder() throws Exception {
        BlockingQueue<ProxySnapshot> seen = new LinkedBlockingQueue<>();
        try (AutoCloseable sub = publisher.subscribe(seen::add)) {
            assertEquals(0, seen.take().version(), "the current snapshot comes at once");
            long start = System.nanoTime();
            publisher.put("edgebox.proxy.gateway~net.gw", gateway(8080));
            publisher.put("edgebox.proxy.gateway~net.gw", gateway(8081));
            ProxySnapshot s = seen.poll(1, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 50, "took " + millis + " ms");
            for (int i = 0; i < 3 && !s.ports().containsKey(new InetSocketAddress("127.0.0.1", 8081)); i++) {
                s = seen.poll(1, TimeUnit.SECONDS);
            }
            assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8081)), s.ports().keySet(), "the last put wins");
            assertEquals(s, publisher.current());
            publisher.remove("edgebox.proxy.gateway~net.gw");
            ProxySnapshot empty = seen.poll(1, TimeUnit.SECONDS);
            assertTrue(empty.version() > s.version());
            assertTrue(empty.ports().isEmpty());
        }
        assertTrue(tables.poll(1, TimeUnit.SECONDS) != null, "the route table hears of each compile");
    }

    @Test
    void settingsChangeRecompiles() throws Exception {
        publisher.put("edgebox.proxy.gateway~net.gw", gateway(80));
        publisher.compileNow(1000);
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 80)), publisher.current().ports().keySet());
        BlockingQueue<ProxySnapshot> seen = new LinkedBlockingQueue<>();
        publisher.subscribe(seen::add);
        seen.take();
        publisher.settings(new Compiler.Settings("127.0.0.2", Set.of("edgebox")));
        assertEquals(Set.of(new InetSocketAddress("127.0.0.2", 80)), seen.poll(1, TimeUnit.SECONDS).ports().keySet());
    }

    @Test
    void theFirstSnapshotWaitsForTheConfigurationsHeldAtStart() throws Exception {
        BlockingQueue<ProxySnapshot> seen = new LinkedBlockingQueue<>();
        publisher.subscribe(seen::add);
        seen.take();
        publisher.awaitInitial(Set.of("edgebox.proxy.gateway~net.gw", "edgebox.proxy.service~net.web"), 10_000);
        publisher.put("edgebox.proxy.gateway~net.gw", gateway(8080));
        assertEquals(null, seen.poll(200, TimeUnit.MILLISECONDS), "no Gateway served before its backends arrive");
        assertEquals(0, publisher.current().version());
        publisher.remove("edgebox.proxy.service~net.web");
        ProxySnapshot first = seen.poll(1, TimeUnit.SECONDS);
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8080)), first.ports().keySet());
    }

    @Test
    void aConfigurationThatNeverArrivesHoldsBackOnlyUntilTheDeadline() throws Exception {
        BlockingQueue<ProxySnapshot> seen = new LinkedBlockingQueue<>();
        publisher.subscribe(seen::add);
        seen.take();
        publisher.awaitInitial(Set.of("edgebox.proxy.httproute~net.broken"), 300);
        publisher.put("edgebox.proxy.gateway~net.gw", gateway(8080));
        ProxySnapshot first = seen.poll(2, TimeUnit.SECONDS);
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8080)), first.ports().keySet());
    }
}
