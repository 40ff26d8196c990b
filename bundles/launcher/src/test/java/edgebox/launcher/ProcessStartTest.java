package edgebox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessStartTest {

    @Test
    void elapsedIsUptimeMinusStartTicks() {
        String stat = "4242 (java (edge) box) S 1 4242 4242 0 -1 4194304 100 0 0 0 5 3 0 0 20 0 12 0 12345 "
                + "1000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertEquals(150, ProcessStart.elapsedMillis(stat, "123.60 200.00\n"));
    }

    @Test
    void thisProcessStartedInThePast() {
        long start = ProcessStart.nanoTime();
        assertTrue(System.nanoTime() - start > 0);
        assertTrue(System.nanoTime() - start < 3_600_000_000_000L, "started less than an hour ago");
    }
}
