package edgebox.lb.plan;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static edgebox.lb.plan.Plans.terminating;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.lb.maglev.MaglevTable;
import edgebox.objects.testing.YamlObjects;

/** Backend health in the plan: an unhealthy backend is FAILED and out of the Maglev table. */
class LbPlanHealthTest {

    private static final String WEB = service("web", "10.0.0.1", "", "{name: http, port: 80}")
            + slice("web-1", "web", "IPv4", "", "{name: http, port: 80}", ready("10.1.0.1"), ready("10.1.0.2"),
                    terminating("10.1.0.3"));
    private static final VipKey HTTP = new VipKey(InetAddress.ofLiteral("10.0.0.1"), 80, Protocol.TCP);

    private static BackendHealth downAre(String... addresses) {
        Set<InetAddress> down = Set.of(List.of(addresses).stream().map(InetAddress::ofLiteral)
                .toArray(InetAddress[]::new));
        return (address, port) -> port != 80 || !down.contains(address);
    }

    private static LbPlan compile(BackendHealth health) {
        return LbPlanCompiler.compile(YamlObjects.snapshot(WEB), LbSettings.DEFAULT, health);
    }

    @Test
    void anUnhealthyReadyBackendIsFailedAndOutOfTheTable() {
        LbPlan plan = compile(downAre("10.1.0.2"));
        assertEquals(List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1, 10.1.0.2:80 FAILED w1, "
                + "10.1.0.3:80 DRAINING w1"), Plans.lines(plan));
        VirtualService vs = plan.service(HTTP);
        assertEquals(List.of("10.1.0.1:80"), vs.active().stream().map(LbBackend::id).toList());
        for (int slot = 0; slot < vs.table().size(); slot += 97) {
            assertEquals(0, vs.table().slot(slot));
        }
    }

    @Test
    void anUnhealthyDrainingBackendIsFailedToo() {
        assertEquals(List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1, 10.1.0.2:80 ACTIVE w1, "
                + "10.1.0.3:80 FAILED w1"), Plans.lines(compile(downAre("10.1.0.3"))));
    }

    @Test
    void allReadyBackendsFailingLeaveAnEmptyTableAndAProblem() {
        LbPlan plan = compile(downAre("10.1.0.1", "10.1.0.2"));
        assertEquals(List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 FAILED w1, 10.1.0.2:80 FAILED w1, "
                + "10.1.0.3:80 DRAINING w1",
                "problem Service shop/web: spec.ports[0]: no ready endpoint passes its health check for "
                        + "10.0.0.1:80/TCP; its new flows are dropped"), Plans.lines(plan));
        assertEquals(MaglevTable.NO_BACKEND, plan.service(HTTP).table().slot(0));
        assertNull(plan.service(HTTP).pick(42));
    }

    @Test
    void allHealthyIsTheTwoArgumentCompile() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(WEB);
        assertEquals(Plans.lines(LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT)),
                Plans.lines(LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT, BackendHealth.ALL_HEALTHY)));
    }

    @Test
    void aBackendComingBackMovesOnlyItsOwnSlotsBack() {
        VirtualService healthy = compile(BackendHealth.ALL_HEALTHY).service(HTTP);
        VirtualService failed = compile(downAre("10.1.0.2")).service(HTTP);
        int others = 0;
        for (int slot = 0; slot < healthy.table().size(); slot++) {
            String was = healthy.active().get(healthy.table().slot(slot)).id();
            String is = failed.active().get(failed.table().slot(slot)).id();
            if (!was.equals("10.1.0.2:80") && !was.equals(is)) {
                others++;
            }
        }
        assertEquals(0, others, "slots of the healthy backend moved");
    }
}
