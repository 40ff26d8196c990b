package edgebox.health.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    @Test
    void writesTheLimitThenCountsAndSaysHowManyWereLeftOut() {
        AtomicLong clock = new AtomicLong(1_000);
        List<String> lines = new ArrayList<>();
        RateLimitedLog log = new RateLimitedLog(2, clock::get, lines::add);

        for (int i = 1; i <= 5; i++) {
            int n = i;
            log.log(() -> "refused " + n);
        }
        assertEquals(List.of("refused 1", "refused 2"), lines);

        clock.addAndGet(59_000_000_000L);
        log.log(() -> "refused 6");
        assertEquals(2, lines.size(), "still the same minute");

        clock.addAndGet(1_000_000_000L);
        log.log(() -> "refused 7");
        log.log(() -> "refused 8");
        log.log(() -> "refused 9");
        assertEquals(List.of("refused 1", "refused 2", "refused 7 (and 4 more since the last line, only counted)",
                "refused 8"), lines);
    }
}
