package edgebox.health.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FailureLogTest {

    @Test
    void logsOnceAfterSettlingAndAgainWhenItComesBack() {
        FailureLog log = new FailureLog(100);
        assertEquals(List.of(), log.update(List.of("a"), 0), "too new");
        assertEquals(List.of(), log.update(List.of("a"), 99));
        assertEquals(List.of("a"), log.update(List.of("a"), 100));
        assertEquals(List.of(), log.update(List.of("a"), 500), "once only");
        assertEquals(List.of(), log.update(List.of(), 600), "gone");
        assertEquals(List.of(), log.update(List.of("a"), 700), "back, new again");
        assertEquals(List.of("a"), log.update(List.of("a"), 800));
    }

    @Test
    void transientFailureIsNeverLogged() {
        FailureLog log = new FailureLog(100);
        assertEquals(List.of(), log.update(List.of("b"), 0));
        assertEquals(List.of(), log.update(List.of(), 50));
        assertEquals(List.of(), log.update(List.of("b"), 120), "the clock restarted when it went away");
    }
}
