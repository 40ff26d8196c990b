package edgebox.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignalTest {

    private final List<String> log = new ArrayList<>();
    private final Signal signal = new Signal(() -> {
        log.add("register");
        return () -> log.add("unregister");
    });

    @Test
    void raisesOnceAndWithdrawsOnce() {
        signal.raise();
        signal.raise();
        assertTrue(signal.raised());
        signal.withdraw();
        signal.withdraw();
        assertFalse(signal.raised());
        signal.raise();
        assertEquals(List.of("register", "unregister", "register"), log);
    }

    @Test
    void closeWithdrawsAndALateRaiseDoesNothing() {
        signal.raise();
        signal.close();
        signal.raise();
        assertFalse(signal.raised());
        assertEquals(List.of("register", "unregister"), log);
    }
}
