package edgebox.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The verdict log writes at most its lines a second and says how many it left out. */
class VerdictLogTest {

    @Test
    void aFloodIsCutToTheLimitAndTheCutIsReported() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        List<String> out = new ArrayList<>();
        VerdictLog log = new VerdictLog(3, clock::get, out::add);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (log.admits()) {
                log.write("line " + i);
                admitted++;
            }
        }
        assertEquals(3, admitted);
        clock.addAndGet(1_000_000_000L);
        log.admits();
        assertEquals(List.of("line 0", "line 1", "line 2",
                "policy: 97 more verdicts not logged (at most 3 lines a second)"), out);
    }
}
