package edgebox.lb.engine;

import static edgebox.lb.path.Segment.toBox;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.ipv4;
import static edgebox.lb.frame.TestFrames.tcp;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import edgebox.api.packet.PortOptions;
import edgebox.api.policy.Decision;
import edgebox.lb.frame.FrameView;
import edgebox.lb.maglev.ConnectionTimeouts;
import edgebox.lb.neigh.NeighbourTiming;
import edgebox.lb.path.Drop;
import edgebox.lb.path.MemoryPort;
import edgebox.lb.path.PolicyDouble;
import edgebox.lb.path.Segment;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.Plans;
import edgebox.lb.plan.VipKey;

/** The engine with its threads, on memory ports: what the component sees. */
class LbEngineTest {

    static final String VIP = "172.16.1.70";
    static final long WAIT_MILLIS = 5000;
    static final EngineSettings SETTINGS = new EngineSettings(1024, ConnectionTimeouts.DEFAULTS, PortOptions.DEFAULT,
            Segment.address(Segment.ROUTER4), null, NeighbourTiming.DEFAULT);

    final MemoryPort port = new MemoryPort("eblb0", Segment.BOX_MAC, 1500, 64);
    final MemoryPath path = new MemoryPath().with(port);
    final Segment segment = new Segment().host("10.1.0.1", 0x02_00_00_00_0b_01L).host("10.1.0.2", 0x02_00_00_00_0b_02L);
    final LbEngine engine = new LbEngine(path, SETTINGS, name -> Segment.ADDRESSES, () -> null);

    @AfterEach
    void close() {
        engine.close();
    }

    static LbPlan plan() {
        return Plans.compile(service("web", VIP, "", "{name: https, port: 443}")
                + slice("web-1", "web", "IPv4", "", "{name: https, port: 443}", ready("10.1.0.1"), ready("10.1.0.2")));
    }

    static byte[] syn(int clientPort) {
        return toBox(ethernet(0x0800, ipv4(v4("192.0.2.10"), v4(VIP), 6, tcp(clientPort, 443, FrameView.TCP_SYN))));
    }

    /** Answers the port's neighbour questions until both backends are known, then returns. */
    void answerNeighbours() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        int answered = 0;
        while (answered < 2 && System.nanoTime() < deadline) {
            byte[] sent = port.sent.poll(100, TimeUnit.MILLISECONDS);
            if (sent != null) {
                for (byte[] answer : segment.answers(List.of(sent))) {
                    port.incoming.add(answer);
                    answered++;
                }
            }
        }
        assertEquals(2, answered, "the engine asked for both backends");
    }

    @Test
    void framesToAVipAreForwardedByThePortsThreadAndShowInTheStatus() throws InterruptedException {
        engine.interfaces(List.of("eblb0"));
        engine.update(plan());
        answerNeighbours();
        EngineStatus.BackendStatus resolved = null;
        for (int i = 0; i < 50 && resolved == null; i++) {
            EngineStatus.BackendStatus b = engine.status().services().getFirst().backends().getFirst();
            resolved = b.neighbour().equals("unresolved") ? null : b;
            Thread.sleep(20);
        }
        assertNotNull(resolved, "the answers reached the neighbour cache");
        port.incoming.add(syn(40000));
        byte[] out = port.sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(out);
        assertEquals(Segment.BOX_MAC, Segment.sourceMac(out));
        EngineStatus status = engine.status();
        EngineStatus.ServiceStatus web = status.services().getFirst();
        assertEquals(1, web.packets());
        assertEquals(1, web.backends().stream().mapToLong(EngineStatus.BackendStatus::flows).sum());
        assertEquals(1.0, web.backends().stream().mapToDouble(EngineStatus.BackendStatus::tableShare).sum(), 1e-9);
        assertEquals(1, status.tableRebuilds());
        assertTrue(status.ports().getFirst().answered());
        List<FlowSample> flows = engine.flows(web.key(), 10);
        assertEquals(1, flows.size());
        assertEquals(40000, flows.getFirst().clientPort());
        assertEquals(List.of(), engine.flows(new VipKey(Segment.address(VIP), 80, web.key().protocol()), 10));
    }

    @Test
    void theFilterFollowsThePlanAndAnEmptyPlanMatchesNothing() throws InterruptedException {
        engine.interfaces(List.of("eblb0"));
        assertEquals(LbEngine.MATCH_NOTHING, port.filter());
        engine.update(plan());
        awaitFilter("dst host 172.16.1.70 or arp or (icmp6 and ip6[40] == 136)");
        engine.update(LbPlan.EMPTY);
        awaitFilter(LbEngine.MATCH_NOTHING);
    }

    void awaitFilter(String expected) throws InterruptedException {
        for (int i = 0; i < 100 && !port.filter().equals(expected); i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, port.filter());
    }

    @Test
    void anInterfaceThatCannotOpenIsReportedAndTheOthersRun() {
        engine.interfaces(List.of("eblb0", "eblb-missing"));
        EngineStatus status = engine.status();
        assertEquals(2, status.ports().size());
        EngineStatus.PortStatus missing = status.ports().get(1);
        assertEquals("eblb-missing", missing.name());
        assertNull(missing.stats());
        assertTrue(missing.error().contains("eblb-missing"), missing.error());
        assertTrue(status.ports().getFirst().answered());
        engine.interfaces(List.of());
        assertTrue(port.closed());
        assertEquals(List.of(), engine.status().ports());
    }

    @Test
    void anInterfaceWhoseAddressesCannotBeReadIsReported() {
        try (LbEngine noAddresses = new LbEngine(path, SETTINGS, name -> {
            throw new java.io.IOException("interface " + name + ": no such interface");
        }, () -> null)) {
            noAddresses.interfaces(List.of("eblb0"));
            EngineStatus.PortStatus status = noAddresses.status().ports().getFirst();
            assertEquals("interface eblb0: no such interface", status.error());
            assertFalse(port.closed(), "the port was never opened");
        }
    }

    @Test
    void theFilterNamesEveryVipOnceWithoutAScope() {
        LbPlan plan = Plans.compile(service("web", VIP, "", "{name: https, port: 443}", "{name: h, port: 80}")
                + service("web6", "fd00:16:1::70", "", "{name: https, port: 443}"));
        assertEquals("dst host 172.16.1.70 or dst host fd00:16:1:0:0:0:0:70 or arp or (icmp6 and ip6[40] == 136)",
                LbEngine.filterFor(plan));
    }

    @Test
    void dropsAreSummedByReason() throws InterruptedException {
        engine.interfaces(List.of("eblb0"));
        engine.update(plan());
        port.incoming.add(new byte[8]);
        long deadline = System.nanoTime() + Duration.ofMillis(WAIT_MILLIS).toNanos();
        while (engine.status().drops().get(Drop.TRUNCATED) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, engine.status().drops().get(Drop.TRUNCATED));
    }

    @Test
    void thePortsThreadPutsNewFlowsToTheDecisionPointItIsGivenAndCountsWhatItRefuses() throws InterruptedException {
        PolicyDouble policy = PolicyDouble.answering("192.0.2.10", Decision.DENY);
        try (LbEngine guarded = new LbEngine(path, SETTINGS, name -> Segment.ADDRESSES, () -> policy)) {
            guarded.interfaces(List.of("eblb0"));
            guarded.update(plan());
            answerNeighbours();
            long deadline = System.nanoTime() + Duration.ofMillis(WAIT_MILLIS).toNanos();
            while (guarded.status().drops().get(Drop.POLICY_DENIED) == 0 && System.nanoTime() < deadline) {
                port.incoming.add(syn(40000));
                Thread.sleep(20);
            }
            assertTrue(guarded.status().drops().get(Drop.POLICY_DENIED) > 0);
            assertEquals(0, guarded.status().services().getFirst().packets());
            assertEquals(List.of(), guarded.flows(null, 10));
            port.incoming.add(toBox(ethernet(0x0800, ipv4(v4("192.0.2.11"), v4(VIP), 6,
                    tcp(40000, 443, FrameView.TCP_SYN)))));
            byte[] out = port.sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(out, "an allowed client's SYN is forwarded");
            assertTrue(policy.lastAsk().startsWith("lb 192.0.2.11 -> 10.1.0."), policy.lastAsk());
        }
    }

    @Test
    void closeStopsThePortsThreads() {
        engine.interfaces(List.of("eblb0"));
        engine.close();
        assertTrue(port.closed());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("lb-port-eblb0") && t.isAlive()));
    }
}
