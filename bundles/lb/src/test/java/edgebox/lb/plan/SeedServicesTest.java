package edgebox.lb.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The seed's own manifests (config-admin/seed) compile into the load balancer's plan without a problem. */
class SeedServicesTest {

    static final Path SEED = Path.of("../../config-admin/seed/manifests");

    @Test
    void theSeedsDsrServiceIsBalancedOverItsNodesBesideItsGateways() throws Exception {
        String yaml = Files.readString(SEED.resolve("gateways.yaml")) + "\n---\n"
                + Files.readString(SEED.resolve("lb-services.yaml"));
        LbPlan plan = Plans.compile(yaml);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("172.16.1.64:8096/TCP", "172.16.1.64:7359/UDP"),
                plan.services().stream().map(s -> s.key().toString()).toList());
        for (VirtualService vs : plan.services()) {
            assertEquals(List.of("172.16.1.50", "172.16.1.51", "172.16.1.52", "172.16.1.53"),
                    vs.active().stream().map(b -> b.address().getHostAddress()).toList(), vs.key().toString());
            assertEquals(vs.key().port(), vs.active().get(0).port(), "DSR keeps the Service port");
        }
    }
}
