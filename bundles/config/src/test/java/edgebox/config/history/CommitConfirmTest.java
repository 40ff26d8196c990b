package edgebox.config.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.runtime.Worker;
import edgebox.config.apply.Refused;

/** config:commit-confirm on a real timer and an apply thread of its own, as in the box. */
class CommitConfirmTest {

    static final String HEALTH_CFG = "etc/edgebox.health.cfg";
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path home;
    private Box box;
    private Worker apply;
    private CommitConfirm commitConfirm;

    private Path file() {
        return home.resolve("data/config/commit-confirm.properties");
    }

    /** The box as started: etc/edgebox.health.cfg with port 9090 is revision 1. */
    private void start() throws Exception {
        if (!Files.exists(home.resolve(HEALTH_CFG))) {
            Box.seed(home, HEALTH_CFG, "port = 9090\n");
        }
        box = new Box(home, 200);
        apply = new Worker("test-config-apply");
        Box b = box;
        commitConfirm = new CommitConfirm(file(), box.history, Clock.systemUTC(), task -> apply.execute(() -> {
            task.run();
            try {
                b.history.record(null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    @AfterEach
    void stop() throws Exception {
        if (commitConfirm != null) {
            commitConfirm.close();
            apply.close(WAIT);
        }
    }

    private <T> T onApply(Callable<T> work) throws Exception {
        return apply.call(work, WAIT);
    }

    private void edit(int port) throws Exception {
        onApply(() -> {
            box.edit(HEALTH_CFG, "port = " + port + "\n");
            return null;
        });
    }

    private Object port() throws Exception {
        return onApply(() -> box.value(Box.HEALTH, "port"));
    }

    /** Waits (bounded) for the port to be {@code expected}; returns when it was seen, in epoch milliseconds. */
    private long awaitPort(int expected) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!Integer.valueOf(expected).equals(port())) {
            assertTrue(System.nanoTime() < end, "port " + expected + " not back within " + WAIT);
            Thread.sleep(5);
        }
        return System.currentTimeMillis();
    }

    @Test
    void notConfirmedInTimeTheConfigurationGoesBackWithinTwoSecondsOfTheDeadline() throws Exception {
        start();
        Probation p = onApply(() -> commitConfirm.arm(Duration.ofMillis(800), "operator"));
        assertEquals(1, p.base());
        assertTrue(Files.exists(file()));
        edit(9091);
        edit(9092);
        assertEquals(9092, port());

        long reverted = awaitPort(9090);
        long late = reverted - p.deadline().toEpochMilli();
        assertTrue(late >= 0, "rolled back " + -late + " ms before the deadline");
        assertTrue(late < 2000, "rolled back " + late + " ms after the deadline");

        RevisionInfo back = onApply(() -> box.revisions().get(0));
        assertEquals(4, back.number());
        assertEquals("rollback to 1: commit-confirm by operator not confirmed within 800 ms", back.who());
        assertEquals("edgebox.health port: 9092 → 9090", back.summary());
        assertEquals("port = 9090\n", box.file(HEALTH_CFG));
        assertTrue(commitConfirm.current().isEmpty());
        assertFalse(Files.exists(file()));
    }

    @Test
    void confirmedInTimeTheChangesStay() throws Exception {
        start();
        onApply(() -> commitConfirm.arm(Duration.ofMillis(400), "operator"));
        edit(9091);
        assertEquals(1, onApply(() -> commitConfirm.confirm("operator")).orElseThrow().base());
        Thread.sleep(1000);
        assertEquals(9091, port());
        assertEquals(2, onApply(() -> box.revisions().size()));
        assertTrue(onApply(() -> commitConfirm.confirm("operator")).isEmpty(), "nothing left to confirm");
        assertFalse(Files.exists(file()));
    }

    @Test
    void armedAgainTheDeadlineMovesAndTheRevisionToReturnToStays() throws Exception {
        start();
        onApply(() -> commitConfirm.arm(Duration.ofMinutes(10), "operator"));
        edit(9091);
        Probation again = onApply(() -> commitConfirm.arm(Duration.ofMillis(300), "operator"));
        assertEquals(1, again.base());
        edit(9092);
        awaitPort(9090);
    }

    @Test
    void aProbationWhoseDeadlinePassedWhileTheBoxWasStoppedRollsBackAtStart() throws Exception {
        start();
        onApply(() -> commitConfirm.arm(Duration.ofMinutes(10), "operator"));
        edit(9091);
        stop();
        new Probation(1, Instant.now().minusSeconds(5), Duration.ofMinutes(10), "operator").save(file());

        start();
        assertEquals(9091, port());
        onApply(() -> {
            commitConfirm.resume();
            return null;
        });
        awaitPort(9090);
        assertEquals("port = 9090\n", box.file(HEALTH_CFG));
    }

    @Test
    void armingNeedsARevisionToReturnToAndSomeTime() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/readme.txt"), "no configuration yet\n");
        box = new Box(home, 200);
        CommitConfirm fresh = new CommitConfirm(file(), box.history, Clock.systemUTC(), Runnable::run);
        try {
            Refused none = assertThrows(Refused.class, () -> fresh.arm(Duration.ofMinutes(5), "operator"));
            assertEquals("config:commit-confirm: no revision to return to yet", none.getMessage());
            Refused zero = assertThrows(Refused.class, () -> fresh.arm(Duration.ZERO, "operator"));
            assertEquals("config:commit-confirm: the time must be more than 0 minutes", zero.getMessage());
            assertFalse(Files.exists(file()));
        } finally {
            fresh.close();
        }
    }
}
