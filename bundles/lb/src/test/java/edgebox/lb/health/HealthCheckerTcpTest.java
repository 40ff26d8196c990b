package edgebox.lb.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP checks against real listeners on loopback: up, closed, reopened; removed targets; close. */
class HealthCheckerTcpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final HealthChecker checker = new HealthChecker(
            (now, was, view) -> transitions.add(now.target() + " " + was + "->" + now.state() + " after "
                    + now.checks()));

    private static HealthSpec tcp(int rise, int fall) {
        return new HealthSpec(HealthCheck.TCP, "/", 0, Duration.ofMillis(200), Duration.ofMillis(150), rise, fall);
    }

    /** A listener on loopback that accepts and closes, counting connections, on a virtual thread. */
    private final class Listener implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();

        Listener(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            open.add(this);
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        checker.close();
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void upThenDownAfterFallFailuresThenUpAfterRisePasses() throws Exception {
        Listener listener = new Listener(0);
        int port = listener.port();
        HealthTarget target = new HealthTarget(LOOPBACK, port, tcp(2, 3));
        checker.update(List.of(target));
        assertEquals(HealthState.UNKNOWN, checker.view().state(LOOPBACK, port));
        assertTrue(checker.view().healthy(LOOPBACK, port), "UNKNOWN counts as healthy");

        TargetHealth up = Await.state(checker, target, HealthState.UP, LIMIT);
        assertEquals("", up.detail());

        listener.close();
        TargetHealth down = Await.state(checker, target, HealthState.DOWN, LIMIT);
        assertTrue(down.detail().startsWith("connect 127.0.0.1:" + port + ": "), down.detail());
        assertTrue(down.checks() >= up.checks() + 3, up + " then " + down);
        assertEquals(false, checker.view().healthy(LOOPBACK, port));

        Listener again = new Listener(port);
        Await.state(checker, target, HealthState.UP, LIMIT);
        assertTrue(again.accepted.get() >= 2, "rise 2 took " + again.accepted.get() + " connections");
        assertEquals(3, transitions.size(), transitions.toString());
        assertTrue(transitions.get(0).startsWith("tcp 127.0.0.1:" + port + " UNKNOWN->UP after "), transitions.get(0));
        assertTrue(transitions.get(1).startsWith("tcp 127.0.0.1:" + port + " UP->DOWN after "), transitions.get(1));
        assertTrue(transitions.get(2).startsWith("tcp 127.0.0.1:" + port + " DOWN->UP after "), transitions.get(2));
    }

    @Test
    void aNewTargetThatFailsLeavesAfterFallChecksOnly() throws Exception {
        Listener listener = new Listener(0);
        int port = listener.port();
        listener.close();
        HealthTarget target = new HealthTarget(LOOPBACK, port, tcp(2, 3));
        checker.update(List.of(target));
        TargetHealth down = Await.state(checker, target, HealthState.DOWN, LIMIT);
        assertEquals(List.of("tcp 127.0.0.1:" + port + " UNKNOWN->DOWN after 3"), transitions);
        assertTrue(down.checks() >= 3, down.toString());
    }

    @Test
    void aRemovedTargetStopsBeingCheckedAndLeavesTheView() throws Exception {
        Listener kept = new Listener(0);
        Listener removed = new Listener(0);
        HealthTarget keptTarget = new HealthTarget(LOOPBACK, kept.port(), tcp(1, 1));
        HealthTarget removedTarget = new HealthTarget(LOOPBACK, removed.port(), tcp(1, 1));
        checker.update(List.of(keptTarget, removedTarget));
        Await.state(checker, removedTarget, HealthState.UP, LIMIT);
        Await.state(checker, keptTarget, HealthState.UP, LIMIT);

        checker.update(List.of(keptTarget));
        assertNull(Await.health(checker, removedTarget));
        assertEquals(HealthState.UNKNOWN, checker.view().state(LOOPBACK, removed.port()));
        int removedAfter = removed.accepted.get();
        int keptAfter = kept.accepted.get();
        Await.until("4 more checks of the kept target", LIMIT, () -> kept.accepted.get() >= keptAfter + 4,
                kept.accepted::get);
        assertTrue(removed.accepted.get() <= removedAfter + 1,
                "removed target checked " + (removed.accepted.get() - removedAfter) + " more times");
        assertEquals(HealthState.UP, checker.view().state(LOOPBACK, kept.port()), "kept target keeps its state");
    }

    @Test
    void closeStopsEveryCheckPromptly() throws Exception {
        Listener listener = new Listener(0);
        HealthTarget target = new HealthTarget(LOOPBACK, listener.port(), tcp(1, 1));
        checker.update(List.of(target));
        Await.state(checker, target, HealthState.UP, LIMIT);
        long start = System.nanoTime();
        checker.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1000, "close took " + tookMillis + " ms");
        int after = listener.accepted.get();
        Await.until("the checker's thread to end", LIMIT, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("lb-health")), () -> "lb-health still alive");
        // three intervals with no checker left; nothing may connect any more
        Thread.sleep(600);
        assertTrue(listener.accepted.get() <= after + 1, "checks went on after close");
    }
}
