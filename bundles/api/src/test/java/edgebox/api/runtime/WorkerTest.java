package edgebox.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class WorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void runsWorkInOrderOnItsNamedThread() throws Exception {
        Worker worker = new Worker("test-worker");
        List<String> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            worker.execute(() -> seen.add(n + "@" + Thread.currentThread().getName()));
        }
        assertEquals("done", worker.call(() -> "done", WAIT));
        assertEquals(50, seen.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + "@test-worker", seen.get(i));
        }
        assertTrue(worker.close(WAIT));
    }

    @Test
    void aFailingTaskIsLoggedAndTheNextRuns() throws Exception {
        Worker worker = new Worker("test-failing");
        worker.execute(() -> {
            throw new IllegalStateException("broken on purpose");
        });
        assertEquals(2, worker.call(() -> 2, WAIT));
        worker.close(WAIT);
    }

    @Test
    void callThrowsTheWorksOwnException() throws Exception {
        Worker worker = new Worker("test-call");
        IOException thrown = new IOException("disk full");
        assertSame(thrown, assertThrows(IOException.class, () -> worker.call(() -> {
            throw thrown;
        }, WAIT)));
        worker.close(WAIT);
    }

    @Test
    void callOnTheWorkerItselfRunsAtOnce() throws Exception {
        Worker worker = new Worker("test-nested");
        assertEquals("inner", worker.call(() -> worker.call(() -> "inner", Duration.ofMillis(100)), WAIT));
        worker.close(WAIT);
    }

    @Test
    void aTimedOutCallThatHasNotStartedNeverRuns() throws Exception {
        Worker worker = new Worker("test-timeout");
        CountDownLatch release = new CountDownLatch(1);
        worker.execute(() -> await(release));
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(TimeoutException.class, () -> worker.call(() -> ran.getAndSet(true), Duration.ofMillis(50)));
        release.countDown();
        worker.call(() -> null, WAIT);
        assertFalse(ran.get());
        worker.close(WAIT);
    }

    @Test
    void closeLetsQueuedWorkFinishThenRefusesMore() throws Exception {
        Worker worker = new Worker("test-close");
        List<Integer> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            worker.execute(() -> {
                sleep(20);
                seen.add(n);
            });
        }
        assertTrue(worker.close(WAIT));
        assertEquals(List.of(0, 1, 2), seen);
        worker.execute(() -> seen.add(99));
        assertEquals(List.of(0, 1, 2), seen);
        assertThrows(IllegalStateException.class, () -> worker.call(() -> 1, WAIT));
    }

    @Test
    void closeInterruptsWorkThatOutlastsTheBound() throws Exception {
        Worker worker = new Worker("test-stuck");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        worker.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertFalse(worker.close(Duration.ofMillis(50)));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
