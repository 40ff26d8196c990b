package edgebox.lb.engine;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

import edgebox.api.packet.PacketPort;
import edgebox.lb.path.Forwarder;
import edgebox.lb.path.ForwardingTable;

/**
 * The thread of one port: receives frames into its {@link Forwarder} in batches (waiting at most 5 ms), installs a
 * new table and filter between batches, and every 100 ms ticks: asks for due neighbours, sweeps a bounded share
 * of the connection table and answers the questions other threads left ({@link #ask}). Everything the forwarder
 * owns is touched on this thread only. Stops within one batch and one wait of {@link #stop}.
 */
final class PortLoop implements Runnable {

    static final int RECEIVE_WAIT_MILLIS = 5;
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final int PROBES_PER_TICK = 64;
    static final int SWEEP_PER_TICK = 4096;
    static final int QUESTIONS_PER_TICK = 16;

    private record Installation(ForwardingTable table, String filter) {
    }

    private final PacketPort port;
    private final Forwarder forwarder;
    private final LongSupplier clock;
    private final ConcurrentLinkedQueue<Runnable> questions = new ConcurrentLinkedQueue<>();
    private volatile Installation pending;
    private volatile boolean running = true;
    private volatile long errors;
    private volatile String lastError;
    private Installation installed;
    private String filterSet;
    private long nextTick;

    PortLoop(PacketPort port, Forwarder forwarder, LongSupplier clock) {
        this.port = port;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /** Hands the port a new table and filter; the port's thread installs them before its next batch. */
    void install(ForwardingTable table, String filter) {
        pending = new Installation(table, filter);
    }

    @Override
    public void run() {
        nextTick = clock.getAsLong();
        while (running) {
            try {
                Installation next = pending;
                if (next != installed) {
                    installed = next;
                    forwarder.install(next.table());
                    applyFilter();
                }
                port.receive(forwarder, RECEIVE_WAIT_MILLIS);
                long now = clock.getAsLong();
                if (now - nextTick >= 0) {
                    tick(now);
                    nextTick = now + TICK_NANOS;
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
        for (Runnable q = questions.poll(); q != null; q = questions.poll()) {
            q.run();
        }
    }

    private void failed(Exception e) {
        errors++;
        lastError = e.toString();
        try {
            Thread.sleep(RECEIVE_WAIT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Sets the installed filter on the port; one that failed is tried again at the next tick. */
    private void applyFilter() throws IOException {
        if (installed != null && !installed.filter().equals(filterSet)) {
            port.filter(installed.filter());
            filterSet = installed.filter();
        }
    }

    /**
     * One tick, on the port's thread: neighbour questions, a connection-table sweep, a filter that failed before,
     * the questions of others.
     */
    void tick(long now) throws IOException {
        forwarder.neighbours().probe(now, PROBES_PER_TICK);
        forwarder.connections().expire(now, SWEEP_PER_TICK);
        try {
            applyFilter();
        } catch (IOException e) {
            failed(e);
        }
        for (int i = 0; i < QUESTIONS_PER_TICK; i++) {
            Runnable q = questions.poll();
            if (q == null) {
                break;
            }
            q.run();
        }
        port.flush();
    }

    /**
     * Asks the port's thread {@code question} about its forwarder at its next tick. The answer is null when the
     * loop has stopped; a caller waits for it a bounded time ({@link #answer}).
     */
    <T> CompletableFuture<T> ask(Function<Forwarder, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        questions.add(() -> {
            try {
                answer.complete(running ? question.apply(forwarder) : null);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** The answer, or null when it failed or did not come by {@code deadline} (System.nanoTime). */
    static <T> T answer(CompletableFuture<T> asked, long deadline) {
        try {
            return asked.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void stop() {
        running = false;
    }

    long errors() {
        return errors;
    }

    String lastError() {
        return lastError;
    }
}
