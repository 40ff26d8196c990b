package edgebox.config;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import edgebox.api.runtime.Worker;
import edgebox.config.apply.StatusView;
import edgebox.config.history.ConfigHistory;

/**
 * The one thread every change runs on ({@code edgebox-config-apply}), in order: after each, what it changed of the
 * configuration in force is recorded as a revision in the name of who made it, and the summary is refreshed. A
 * console change is waited for; its failure is the caller's, any other is logged.
 */
final class ApplyThread {

    static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

    private final Worker worker = new Worker("edgebox-config-apply");
    private final ApplyEvents events;
    private final StatusView view;
    private final ConfigHistory history;

    ApplyThread(ApplyEvents events, StatusView view, ConfigHistory history) {
        this.events = events;
        this.view = view;
        this.history = history;
    }

    /** Queues a change; {@code who}: who made it, {@code null} for edits of files (named after the files). */
    void submit(String who, ApplyEvents.Step step) {
        worker.execute(() -> events.run(() -> {
            try {
                step.run();
            } finally {
                history.record(who);
            }
        }, view));
    }

    /** Runs a console change after what is queued and waits for its outcome. */
    String call(String who, Callable<String> change) throws Exception {
        try {
            return worker.call(() -> {
                try {
                    return change.call();
                } finally {
                    events.run(() -> history.record(who), view);
                }
            }, COMMAND_WAIT);
        } catch (TimeoutException e) {
            throw new IOException("the apply thread is busy; try again", e);
        }
    }

    /** Stops taking work; what is queued may finish within {@code wait}. */
    void close(Duration wait) throws InterruptedException {
        worker.close(wait);
    }
}
