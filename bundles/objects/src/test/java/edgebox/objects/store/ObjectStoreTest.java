package edgebox.objects.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSnapshot.GatewaySettings;
import edgebox.api.objects.Service;
import edgebox.objects.manifest.Kinds;

/** The store: last good object kept on a refused update, only a delete removes, complete first snapshot. */
class ObjectStoreTest {

    private static final String SERVICE = Kinds.PIDS.get("Service");
    private static final String POOL = Kinds.PIDS.get("CiliumLoadBalancerIPPool");

    @TempDir
    Path data;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<ObjectSnapshot> seen = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private ObjectStore store() {
        ObjectStore store = new ObjectStore(thread, 5, GatewaySettings.DEFAULT,
                new AllocationFile(data.resolve("lb-ipam.properties")));
        store.subscribe(seen::add);
        return store;
    }

    private static Map<String, Object> service(String name, String port) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service.pid", SERVICE + "~apps." + name);
        p.put("apiVersion", "v1");
        p.put("kind", "Service");
        p.put("metadata.name", name);
        p.put("metadata.namespace", "apps");
        p.put("metadata.labels.pool", "segment");
        p.put("spec.type", "LoadBalancer");
        p.put("spec.ports.0.port", port);
        return p;
    }

    /** The first snapshot newer than {@code after} that {@code test} accepts, waiting at most 5 s. */
    private ObjectSnapshot until(long after, java.util.function.Predicate<ObjectSnapshot> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            ObjectSnapshot s = seen.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.version() > after && test.test(s)) {
                return s;
            }
        }
        throw new AssertionError("no such snapshot after version " + after);
    }

    private ObjectSnapshot next(long after) throws InterruptedException {
        return until(after, s -> true);
    }

    @Test
    void aRefusedUpdateLeavesTheLastGoodObjectServingUntilDeleted() throws Exception {
        ObjectStore store = store();
        store.start(Set.of(), 1000, () -> { });
        assertEquals(List.of(), store.put(SERVICE, SERVICE + "~apps.web", service("web", "80")));
        ObjectSnapshot s = until(0, x -> !x.services().isEmpty());
        assertEquals(80, s.services().get(0).ports().get(0).port());

        List<ConfigProblem> refused = store.put(SERVICE, SERVICE + "~apps.web", service("web", "99999"));
        assertEquals("Service apps/web: spec.ports[0].port: must be 1-65535, got 99999", refused.get(0).toString());
        s = until(s.version(), x -> !x.problems().isEmpty());
        assertEquals(80, s.services().get(0).ports().get(0).port(), "the last good version stays");
        assertEquals(refused, s.problems(), "and the refusal shows");
        assertEquals(Set.of(SERVICE + "~apps.web"), store.refusals().keySet());

        store.put(SERVICE, SERVICE + "~apps.web", service("web", "81"));
        s = until(s.version(), x -> x.services().get(0).ports().get(0).port() == 81);
        assertEquals(List.of(), s.problems(), "the refusal went with the good update");

        store.remove(SERVICE + "~apps.web");
        until(s.version(), x -> x.services().isEmpty());
    }

    @Test
    void theFirstSnapshotWaitsForWhatConfigAdminHeld() throws Exception {
        ObjectStore store = store();
        BlockingQueue<Long> first = new LinkedBlockingQueue<>();
        store.start(Set.of(SERVICE + "~apps.a", SERVICE + "~apps.b"), 5000, () -> first.add(store.current().version()));
        store.put(SERVICE, SERVICE + "~apps.a", service("a", "80"));
        assertNull(first.poll(200, TimeUnit.MILLISECONDS), "b has not arrived");
        assertFalse(store.ready());
        store.put(SERVICE, SERVICE + "~apps.b", service("b", "80"));
        assertEquals(1, first.poll(5, TimeUnit.SECONDS));
        assertEquals(2, store.current().services().size(), "the first snapshot has both");
        assertTrue(store.ready());
    }

    @Test
    void poolAllocationsSurviveARestart() throws Exception {
        Map<String, Object> pool = new LinkedHashMap<>(Map.of("apiVersion", "cilium.io/v2alpha1",
                "kind", "CiliumLoadBalancerIPPool", "metadata.name", "segment", "spec.blocks.0.cidr",
                "172.16.1.70/31", "spec.serviceSelector.matchLabels.pool", "segment"));
        ObjectStore store = store();
        store.start(Set.of(), 1000, () -> { });
        store.put(POOL, POOL + "~segment", pool);
        store.put(SERVICE, SERVICE + "~apps.web", service("web", "80"));
        ObjectSnapshot s = until(0, x -> !x.services().isEmpty() && !x.loadBalancerIpPools().isEmpty());
        Service web = s.services().get(0);
        assertEquals(List.of(Cidr.address("172.16.1.70")), s.loadBalancerAddresses(web));
        assertTrue(Files.readString(data.resolve("lb-ipam.properties")).contains("apps/web=172.16.1.70"));

        Files.writeString(data.resolve("lb-ipam.properties"), "apps/web=172.16.1.71\n");
        seen.clear();
        ObjectStore again = store();
        again.start(Set.of(), 1000, () -> { });
        again.put(POOL, POOL + "~segment", pool);
        again.put(SERVICE, SERVICE + "~apps.api", service("api", "80"));
        again.put(SERVICE, SERVICE + "~apps.web", service("web", "80"));
        s = until(0, x -> x.services().size() == 2 && !x.loadBalancerIpPools().isEmpty());
        for (Service svc : s.services()) {
            assertEquals(svc.meta().name().equals("web") ? "172.16.1.71" : "172.16.1.70",
                    Cidr.text(s.loadBalancerAddresses(svc).get(0)), "web keeps the address the file gave it");
        }
    }
}
