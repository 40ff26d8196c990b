package edgebox.lb.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Rise and fall counting, check by check. */
class TargetStateTest {

    private static final HealthTarget TARGET = new HealthTarget(InetAddress.ofLiteral("10.1.0.1"), 80,
            new HealthSpec(HealthCheck.TCP, "/", 0, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 3));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    @Test
    void unknownUntilRisePassesThenUp() {
        TargetState s = new TargetState(TARGET, T0);
        assertEquals(HealthState.UNKNOWN, s.snapshot().state());
        assertNull(s.record(null, at(1)));
        assertEquals(HealthState.UNKNOWN, s.snapshot().state());
        assertEquals(HealthState.UNKNOWN, s.record(null, at(2)));
        TargetHealth h = s.snapshot();
        assertEquals(HealthState.UP, h.state());
        assertEquals(at(2), h.since());
        assertEquals(2, h.checks());
        assertEquals("", h.detail());
    }

    @Test
    void unknownStaysHealthyUntilFallFailures() {
        TargetState s = new TargetState(TARGET, T0);
        assertNull(s.record("refused", at(1)));
        assertNull(s.record("refused", at(2)));
        assertEquals(HealthState.UNKNOWN, s.snapshot().state());
        assertEquals(HealthState.UNKNOWN, s.record("refused", at(3)));
        assertEquals(HealthState.DOWN, s.snapshot().state());
        assertEquals("refused", s.snapshot().detail());
    }

    @Test
    void aStreakBrokenByTheOtherOutcomeStartsAgain() {
        TargetState s = new TargetState(TARGET, T0);
        s.record(null, at(1));
        s.record(null, at(2));
        assertNull(s.record("refused", at(3)));
        assertNull(s.record("refused", at(4)));
        assertNull(s.record(null, at(5)));
        assertNull(s.record("refused", at(6)));
        assertNull(s.record("refused", at(7)));
        assertEquals(HealthState.UP, s.snapshot().state());
        assertEquals(at(2), s.snapshot().since());
        assertEquals(HealthState.UP, s.record("timed out", at(8)));
        assertEquals(HealthState.DOWN, s.snapshot().state());
        assertNull(s.record(null, at(9)));
        assertEquals("", s.snapshot().detail());
        assertEquals(HealthState.DOWN, s.record(null, at(10)));
        assertEquals(HealthState.UP, s.snapshot().state());
        assertEquals(10, s.snapshot().checks());
    }
}
