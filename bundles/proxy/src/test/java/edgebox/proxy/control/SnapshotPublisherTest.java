package edgebox.proxy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.route.RouteHostname;
import edgebox.objects.derive.Snapshots;
import edgebox.objects.testing.YamlObjects;
import edgebox.proxy.route.ProxySnapshot;

/** Each objects snapshot compiled on the publisher's thread, the newest winning, published whole and in order. */
class SnapshotPublisherTest {

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final BlockingQueue<List<RouteHostname>> tables = new LinkedBlockingQueue<>();
    private final SnapshotPublisher publisher = new SnapshotPublisher(thread, c -> tables.add(c.hostnames()));

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private static ObjectSnapshot gateway(long version, int port) {
        return Snapshots.build(version, YamlObjects.parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: net}
                spec:
                  gatewayClassName: edgebox
                  listeners: [{name: http, port: %d, protocol: HTTP}]
                """.formatted(port)), ObjectSnapshot.GatewaySettings.DEFAULT, List.of(), java.util.Map.of())
                .snapshot();
    }

    @Test
    void eachSnapshotIsCompiledAndPublishedInOrder() throws Exception {
        BlockingQueue<ProxySnapshot> seen = new LinkedBlockingQueue<>();
        try (AutoCloseable sub = publisher.subscribe(seen::add)) {
            assertEquals(0, seen.take().version(), "the current snapshot comes at once");
            publisher.offer(gateway(1, 8080));
            ProxySnapshot s = seen.poll(5, TimeUnit.SECONDS);
            assertEquals(1, s.version());
            assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8080)), s.ports().keySet());
            assertEquals(s, publisher.current());
            assertEquals(List.of(), tables.poll(5, TimeUnit.SECONDS), "the RouteTable callback ran too");
        }
    }

    @Test
    void whileOneCompilesOnlyTheNewestWaitingSnapshotIsCompiled() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        thread.execute(() -> {
            try {
                busy.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BlockingQueue<ProxySnapshot> seen = new LinkedBlockingQueue<>();
        publisher.subscribe(seen::add);
        seen.take();
        publisher.offer(gateway(1, 8080));
        publisher.offer(gateway(2, 8081));
        publisher.offer(gateway(3, 8082));
        busy.countDown();
        ProxySnapshot s = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(3, s.version(), "versions 1 and 2 were passed over");
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8082)), s.ports().keySet());
        assertTrue(seen.poll(200, TimeUnit.MILLISECONDS) == null, "nothing compiled twice");
    }
}
