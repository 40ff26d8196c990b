package edgebox.lb.health;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.LbPlanCompiler;
import edgebox.lb.plan.LbSettings;
import edgebox.objects.testing.YamlObjects;

/** The targets of a plan: every backend once per spec, with its Service's annotations; none for UDP by default. */
class HealthTargetsTest {

    private static List<String> lines(HealthTargets t) {
        return t.targets().stream().map(HealthTarget::toString).toList();
    }

    @Test
    void tcpPortsAreCheckedByConnectAndUdpPortsNot() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(
                service("dns", "10.0.0.53", "", "{name: dns, port: 53, protocol: UDP}", "{name: tcp, port: 53}")
                        + slice("dns-1", "dns", "IPv4", "", "{name: dns, port: 53, protocol: UDP}, "
                                + "{name: tcp, port: 53}", ready("10.1.0.1"), ready("10.1.0.2")));
        HealthTargets t = HealthTargets.of(snapshot, LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT),
                HealthDefaults.DEFAULT);
        assertEquals(List.of("tcp 10.1.0.1:53", "tcp 10.1.0.2:53"), lines(t));
        assertEquals(List.of(), t.problems());
    }

    @Test
    void annotationsGiveTheSpecAndFailedBackendsStayChecked() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(
                service("web", "10.0.0.1", "edgebox.io/health-check: http, edgebox.io/health-check-path: /ready, "
                        + "edgebox.io/health-check-port: '8081'", "{name: http, port: 80}")
                        + slice("web-1", "web", "IPv4", "", "{name: http, port: 80}", ready("10.1.0.1"),
                                ready("10.1.0.2")));
        LbPlan plan = LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT,
                (address, port) -> !address.equals(InetAddress.ofLiteral("10.1.0.2")));
        HealthTargets t = HealthTargets.of(snapshot, plan, HealthDefaults.DEFAULT);
        assertEquals(List.of("http 10.1.0.1:8081/ready", "http 10.1.0.2:8081/ready"), lines(t));
        assertEquals(List.of(80, 80), t.targets().stream().map(HealthTarget::port).toList());
    }

    @Test
    void aBackendSharedByTwoServicesWithOneSpecIsOneTargetAndProblemsComeOncePerService() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(
                service("web", "10.0.0.1", "", "{name: http, port: 80}")
                        + service("api", "10.0.0.2", "edgebox.io/health-check-interval: soon", "{name: http, port: 80}",
                                "{name: alt, port: 81}")
                        + slice("web-1", "web", "IPv4", "", "{name: http, port: 80}", ready("10.1.0.1"))
                        + slice("api-1", "api", "IPv4", "", "{name: http, port: 80}, {name: alt, port: 81}",
                                ready("10.1.0.1")));
        HealthTargets t = HealthTargets.of(snapshot, LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT),
                HealthDefaults.DEFAULT);
        assertEquals(List.of("tcp 10.1.0.1:80", "tcp 10.1.0.1:81"), lines(t));
        assertEquals(List.of("Service shop/api: metadata.annotations[edgebox.io/health-check-interval]: must be a "
                + "duration such as 5s or 500ms, was \"soon\"; the Service's health checks keep the defaults"),
                t.problems().stream().map(Object::toString).toList());
    }
}
