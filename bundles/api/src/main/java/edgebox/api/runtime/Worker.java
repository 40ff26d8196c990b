package edgebox.api.runtime;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One named daemon thread that runs a component's work in the order it was handed in, off the caller's thread (the
 * shape of Felix Config Admin's UpdateThread). A failing task is logged and the next one runs. {@link #close} stops
 * taking work, lets what is queued finish within a bound, then interrupts it.
 */
public final class Worker {

    private static final Logger LOG = System.getLogger(Worker.class.getName());

    private final String name;
    private final ExecutorService executor;
    private volatile Thread thread;

    public Worker(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    public String name() {
        return name;
    }

    /** Queues {@code task}; once the worker is closed the task is dropped. */
    public void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.ERROR, name + ": " + e, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // closing: whoever activates next starts from the whole state again
        }
    }

    /**
     * Runs {@code work} after what is queued and waits for its result. The work's own exception is thrown as it is.
     * Called on the worker itself, the work runs at once (waiting for it there would never end).
     *
     * @throws TimeoutException      when the work has not finished within {@code timeout}; if it had not started,
     *                               it never will
     * @throws IllegalStateException when the worker is closed
     */
    public <T> T call(Callable<T> work, Duration timeout) throws Exception {
        if (Thread.currentThread() == thread) {
            return work.call();
        }
        Future<T> result;
        try {
            result = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(name + " is stopped", e);
        }
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (TimeoutException | InterruptedException e) {
            result.cancel(false);
            throw e;
        }
    }

    /**
     * Stops taking work and waits up to {@code wait} for the queued work to finish; then interrupts what still runs
     * and logs it. True when everything finished in time.
     */
    public boolean close(Duration wait) throws InterruptedException {
        executor.shutdown();
        if (executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return true;
        }
        executor.shutdownNow();
        LOG.log(Level.WARNING, name + ": still busy " + wait.toMillis() + " ms after close; interrupted");
        return false;
    }
}
