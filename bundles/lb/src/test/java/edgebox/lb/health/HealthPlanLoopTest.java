package edgebox.lb.health;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.LbPlanCompiler;
import edgebox.lb.plan.LbSettings;
import edgebox.lb.plan.Plans;
import edgebox.objects.testing.YamlObjects;

/**
 * The loop the component wires: the plan's targets go to the checker, and each transition recompiles the plan with
 * the checker's view, so a backend whose listener closes turns FAILED and one that comes back turns ACTIVE again.
 */
class HealthPlanLoopTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void aBackendThatStopsListeningIsFailedInTheRecompiledPlan() throws Exception {
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(loopback, 0));
        int port = listener.getLocalPort();
        Thread.ofVirtual().start(() -> accept(listener));
        ObjectSnapshot snapshot = YamlObjects.snapshot(service("web", "10.0.0.1",
                "edgebox.io/health-check-interval: 200ms, edgebox.io/health-check-timeout: 150ms, "
                        + "edgebox.io/health-check-unhealthy-threshold: '1', "
                        + "edgebox.io/health-check-healthy-threshold: '1'",
                "{name: http, port: " + port + "}")
                + slice("web-1", "web", "IPv4", "", "{name: http, port: " + port + "}", ready("127.0.0.1")));
        AtomicReference<LbPlan> plan = new AtomicReference<>(LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT));
        HealthTargets targets = HealthTargets.of(snapshot, plan.get(), HealthDefaults.DEFAULT);
        assertEquals(List.of(), targets.problems());
        String line = "10.0.0.1:" + port + "/TCP shop/web http -> 127.0.0.1:" + port;
        try (HealthChecker checker = new HealthChecker(
                (now, was, view) -> plan.set(LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT, view)))) {
            checker.update(targets.targets());
            Await.until("UP", LIMIT, () -> checker.view().state(loopback, port) == HealthState.UP,
                    checker::view);
            assertEquals(line + " ACTIVE w1", Plans.lines(plan.get()).getFirst());

            listener.close();
            Await.until("FAILED", LIMIT, () -> Plans.lines(plan.get()).getFirst().endsWith("FAILED w1"),
                    () -> Plans.lines(plan.get()));

            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(loopback, port));
            try (again) {
                Thread.ofVirtual().start(() -> accept(again));
                Await.until("ACTIVE", LIMIT, () -> Plans.lines(plan.get()).getFirst().endsWith("ACTIVE w1"),
                        () -> Plans.lines(plan.get()));
            }
        } finally {
            listener.close();
        }
    }

    private static void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                // connected: that is the check
            } catch (java.io.IOException closed) {
                return;
            }
        }
    }
}
