package edgebox.lb;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.health.Health;
import edgebox.api.packet.PortStats;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.EngineStatus.PortStatus;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.Plans;

/** The {@code lb} health entry from what the component holds: settings, plan, ports and problems. */
class LbHealthTest {

    private static final String HTTP = "{name: http, port: 80}";
    private static final LbPlan BALANCED = Plans.compile(service("web", "10.0.0.1", "", HTTP)
            + slice("web-1", "web", "IPv4", "", HTTP, ready("10.1.0.1"), ready("10.1.0.2")));
    private static final LbPlan UNBALANCED = Plans.compile(service("web", "10.0.0.1", "", HTTP));
    private static final PortStatus RUNNING = port(new PortStats(10, 0, 10, 0), null);

    @Test
    void withoutAnInterfaceTheDataPathIsOffAndThatIsUp() {
        Health h = health(List.of(), BALANCED, List.of(), List.of("Service shop/x: spec.ports[0]: no ready endpoints"));
        assertEquals(Health.up("1 virtual services, 2 of 2 backends taking new flows, 0 of 0 interfaces (tpacket); "
                + "data path off: no interface configured"), h);
    }

    @Test
    void withoutAnInterfaceBecauseTheSettingsWereRefusedItIsDegraded() {
        String refusal = "edgebox.lb: tableSize: must be one of 16381, 65537, 131071, was 1000; refused, the "
                + "previous settings stay in force";
        Health h = health(List.of(), BALANCED, List.of(), List.of(refusal), refusal);
        assertEquals(Health.degraded("1 virtual services, 2 of 2 backends taking new flows, 0 of 0 interfaces "
                + "(tpacket); data path off: no interface configured", refusal), h);
    }

    @Test
    void noInterfaceRunningIsDownWithTheLatestProblem() {
        Health h = health(List.of("eth9"), BALANCED, List.of(port(null, "interface eth9: no such interface")),
                List.of("Service shop/x: spec.ports[0]: no ready endpoints", "interface eth9: no such interface"));
        assertEquals(Health.down("1 virtual services, 2 of 2 backends taking new flows, 0 of 1 interfaces (tpacket)",
                "interface eth9: no such interface"), h);
        assertEquals(Health.Status.DOWN, health(List.of("eth9"), BALANCED, List.of(), List.of()).status());
        assertEquals("no interface runs", health(List.of("eth9"), BALANCED, List.of(), List.of()).lastError());
    }

    @Test
    void aRunningPortWithAProblemIsDegraded() {
        Health h = health(List.of("eth0"), BALANCED, List.of(RUNNING), List.of("edgebox.lb: tableSize: bad"));
        assertEquals(Health.degraded("1 virtual services, 2 of 2 backends taking new flows, 1 of 1 interfaces "
                + "(tpacket)", "edgebox.lb: tableSize: bad"), h);
    }

    @Test
    void anOpenPortThatMetAnErrorStillRunsAndIsDegraded() {
        PortStatus failing = port(new PortStats(10, 0, 10, 1), "java.io.IOException: send: No buffer space available");
        Health h = health(List.of("eth0"), BALANCED, List.of(failing),
                List.of("interface eth0: java.io.IOException: send: No buffer space available"));
        assertEquals(Health.degraded("1 virtual services, 2 of 2 backends taking new flows, 1 of 1 interfaces "
                + "(tpacket)", "interface eth0: java.io.IOException: send: No buffer space available"), h);
    }

    @Test
    void aVirtualServiceWithoutBackendsIsDegraded() {
        Health h = health(List.of("eth0"), UNBALANCED, List.of(RUNNING), List.of());
        assertEquals(Health.degraded("1 virtual services, 0 of 0 backends taking new flows, 1 of 1 interfaces "
                + "(tpacket)", "a virtual service has no backend taking new flows"), h);
    }

    @Test
    void everythingRunningIsUp() {
        assertEquals(Health.up("1 virtual services, 2 of 2 backends taking new flows, 1 of 1 interfaces (tpacket)"),
                health(List.of("eth0"), BALANCED, List.of(RUNNING), List.of()));
    }

    private static PortStatus port(PortStats stats, String error) {
        return new PortStatus("eth0", stats, 0, 0, 0, 0, 0, 0, error, true);
    }

    private static Health health(List<String> interfaces, LbPlan plan, List<PortStatus> ports, List<String> problems) {
        return health(interfaces, plan, ports, problems, null);
    }

    private static Health health(List<String> interfaces, LbPlan plan, List<PortStatus> ports, List<String> problems,
            String refusal) {
        EngineStatus status = new EngineStatus(plan.version(), 1, List.of(), Map.of(), ports);
        return new LbHealth(new FixedView(interfaces, plan, status, problems, refusal, List.of())).health();
    }
}
