package edgebox.system.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TrialClockTest {

    private static final long S = 1_000_000_000L;

    @Test
    void isDueOnceReadinessHeldForGoodAfter() {
        TrialClock clock = new TrialClock(Duration.ofSeconds(60));
        assertNull(clock.untilGood(0));
        assertFalse(clock.due(100 * S));
        clock.ready(10 * S);
        clock.ready(20 * S);
        assertEquals(Duration.ofSeconds(50), clock.untilGood(20 * S), "a second ready changes nothing");
        assertFalse(clock.due(69 * S));
        assertTrue(clock.due(70 * S));
        assertEquals(Duration.ZERO, clock.untilGood(80 * S));
    }

    @Test
    void aDropInReadinessStartsTheCountAgain() {
        TrialClock clock = new TrialClock(Duration.ofSeconds(60));
        clock.ready(0);
        clock.notReady();
        assertFalse(clock.due(100 * S));
        assertEquals(Duration.ZERO, clock.readyFor(100 * S));
        clock.ready(100 * S);
        assertFalse(clock.due(159 * S));
        assertTrue(clock.due(160 * S));
    }

    @Test
    void aNewGoodAfterCountsFromTheSameStart() {
        TrialClock clock = new TrialClock(Duration.ofSeconds(60));
        clock.ready(0);
        clock.goodAfter(Duration.ofSeconds(5));
        assertTrue(clock.due(5 * S));
    }
}
