package edgebox.lb.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The verdict per backend address:port: the worst of its targets; an unchecked backend is healthy. */
class HealthViewTest {

    private static final InetAddress BACKEND = InetAddress.ofLiteral("10.1.0.1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TargetHealth health(HealthCheck check, int port, HealthState state, String detail) {
        HealthSpec spec = new HealthSpec(check, "/", 0, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3);
        return new TargetHealth(new HealthTarget(BACKEND, port, spec), state, T0, detail, 4);
    }

    @Test
    void aBackendIsDownWhenAnyOfItsChecksIsDown() {
        HealthView view = new HealthView(7, List.of(health(HealthCheck.TCP, 80, HealthState.UP, ""),
                health(HealthCheck.HTTP, 80, HealthState.DOWN, "status 503"),
                health(HealthCheck.TCP, 81, HealthState.UP, "")));
        assertEquals(HealthState.DOWN, view.state(BACKEND, 80));
        assertFalse(view.healthy(BACKEND, 80));
        assertEquals("status 503", view.detail(BACKEND, 80).detail());
        assertEquals(HealthState.UP, view.state(BACKEND, 81));
        assertEquals(7, view.version());
        assertEquals(3, view.targets().size());
    }

    @Test
    void unknownOutranksUpAndAnUncheckedBackendIsHealthy() {
        HealthView view = new HealthView(1, List.of(health(HealthCheck.TCP, 80, HealthState.UP, ""),
                health(HealthCheck.HTTP, 80, HealthState.UNKNOWN, "not checked yet")));
        assertEquals(HealthState.UNKNOWN, view.state(BACKEND, 80));
        assertTrue(view.healthy(BACKEND, 80));
        assertEquals(HealthState.UNKNOWN, view.state(BACKEND, 443));
        assertTrue(view.healthy(BACKEND, 443));
        assertNull(view.detail(BACKEND, 443));
        assertTrue(HealthView.EMPTY.healthy(BACKEND, 80));
    }
}
