package edgebox.acme.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void goDurations() {
        assertEquals(Duration.ofDays(90), Durations.parse("2160h"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(30), Durations.parse("720h0m0s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("90d"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1h "));
    }
}
