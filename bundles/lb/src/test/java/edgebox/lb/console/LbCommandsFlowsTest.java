package edgebox.lb.console;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.lb.FixedView;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.FlowSample;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.Plans;
import edgebox.lb.plan.VipKey;

/**
 * {@code lb:flows} asks the engine, whose port threads stop forwarding while they answer, for no more flows than it
 * shows, whatever the key names.
 */
class LbCommandsFlowsTest {

    private static final LbPlan PLAN = Plans.compile(
            service("web", "10.0.0.1", "", "{name: http, port: 80}", "{name: https, port: 443}")
                    + slice("web-1", "web", "IPv4", "", "{name: http, port: 80}, {name: https, port: 443}",
                            ready("10.1.0.1")));

    private final FixedView view = new FixedView(List.of("eth0"), PLAN,
            new EngineStatus(1, 1, List.of(), Map.of(), List.of()), List.of(), null, flows());
    private final LbCommands commands = new LbCommands(view);

    @Test
    void aVipWithTwoServicesAsksForAtMostTheSampleInAll() {
        String out = commands.flows("10.0.0.1");
        assertEquals(List.of(50), view.flowLimits(), "the first service fills the sample");
        assertTrue(out.endsWith("50 flows shown (at most 50)\n"), out);
        assertTrue(out.contains("10.0.0.1:80/TCP") && !out.contains("10.0.0.1:443/TCP"), out);
    }

    @Test
    void oneServiceAndAllAskForTheSample() {
        assertTrue(commands.flows("10.0.0.1:443").endsWith("30 flows shown (at most 50)\n"));
        assertTrue(commands.flows().endsWith("50 flows shown (at most 50)\n"));
        assertEquals(List.of(50, 50), view.flowLimits());
    }

    @Test
    void theRoomLeftGoesToTheNextService() {
        FixedView few = new FixedView(List.of("eth0"), PLAN, new EngineStatus(1, 1, List.of(), Map.of(), List.of()),
                List.of(), null, flows().subList(40, 100));
        String out = new LbCommands(few).flows("10.0.0.1");
        assertEquals(List.of(50, 20), few.flowLimits(), "30 flows of port 80 leave room for 20");
        assertTrue(out.endsWith("50 flows shown (at most 50)\n"), out);
    }

    /** 70 flows to port 80, then 30 to port 443. */
    private static List<FlowSample> flows() {
        List<FlowSample> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            VipKey key = PLAN.services().get(i < 70 ? 0 : 1).key();
            out.add(new FlowSample("eth0", key, client(i), 40_000 + i, "10.1.0.1:" + key.port(), 60));
        }
        return out;
    }

    private static InetAddress client(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 2, 0, (byte) i});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
