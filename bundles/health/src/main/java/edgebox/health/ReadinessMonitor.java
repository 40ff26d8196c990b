package edgebox.health;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import edgebox.api.health.Conditions;
import edgebox.health.readiness.FailureLog;
import edgebox.health.readiness.Readiness;
import edgebox.health.readiness.ReadinessInputs;
import edgebox.health.readiness.ReadinessReport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;

/**
 * Recomputes readiness on one thread it owns: on every bundle and service event (coalesced) and on a 250 ms tick
 * while the box is not ready. While it is ready, it re-reads only the functions' health and the conditions every
 * {@value #STEADY_MILLIS} ms and reuses the bundles and components from the last full reading, which events, a
 * not-ready report and every {@value #FULL_MILLIS} ms still make: a full reading four times a second (SCR's
 * components, Config Admin's configurations, every function's health, mostly run cold by the interpreter) took
 * milliseconds of a core each time, which a data path sharing that core felt as tail latency. During the start, while
 * a required condition is missing (the box cannot be ready yet), events make no full reading, only the tick does:
 * the hundreds of events of a start otherwise made back-to-back readings that took CPU from the start itself.
 * Publishes the report in one volatile write, registers the {@code edgebox.ready} condition while ready, and logs each
 * lasting failure once.
 */
final class ReadinessMonitor implements BundleListener, ServiceListener, FrameworkListener, AutoCloseable {

    static final long TICK_MILLIS = 250;
    static final long STEADY_MILLIS = 1_000;
    static final long FULL_MILLIS = 5_000;
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Logger LOG = System.getLogger("edgebox.health");

    private final BundleContext context;
    private final FrameworkProbe probe;
    private final Readiness readiness = new Readiness(
            java.util.List.of(Conditions.CONFIG_LOADED, Conditions.FEATURES_BOOTED));
    private final FailureLog failureLog = new FailureLog(SETTLE_NANOS);
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean changed = true;
    private ReadinessInputs lastFull;
    private long lastFullNanos;
    private long lastNanos;
    private volatile ReadinessReport current;
    private volatile boolean closed;
    private ServiceRegistration<Condition> ready;

    ReadinessMonitor(BundleContext context, FrameworkProbe probe) {
        this.context = context;
        this.probe = probe;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "edgebox-health");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    void start() {
        context.addFrameworkListener(this);
        context.addBundleListener(this);
        context.addServiceListener(this);
        thread.execute(probe::open);
        thread.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    ReadinessReport current() {
        return current;
    }

    /** Asks for a recomputation soon; many requests before it runs make one. */
    void trigger() {
        changed = true;
        if (!closed && pending.compareAndSet(false, true)) {
            try {
                thread.execute(this::onEvent);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false);
            }
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        ReadinessReport now = current;
        long t = System.nanoTime();
        boolean steady = now != null && now.ready() && !changed && lastFull != null
                && t - lastFullNanos < TimeUnit.MILLISECONDS.toNanos(FULL_MILLIS);
        if (!steady) {
            recompute();
        } else if (t - lastNanos >= TimeUnit.MILLISECONDS.toNanos(STEADY_MILLIS)) {
            lastNanos = t;
            evaluate(probe.refresh(lastFull));
        }
    }

    /** A full reading for the events since the last one, unless the box cannot be ready yet (then the tick reads). */
    private void onEvent() {
        ReadinessReport now = current;
        if (!closed && now != null && !now.ready() && !readiness.conditionsMet(probe.conditions())) {
            pending.set(false);
            return;
        }
        recompute();
    }

    private void recompute() {
        pending.set(false);
        if (closed) {
            return;
        }
        changed = false;
        try {
            lastFull = probe.collect();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "edgebox.health: readiness computation failed", e);
            return;
        }
        lastFullNanos = System.nanoTime();
        lastNanos = lastFullNanos;
        evaluate(lastFull);
    }

    private void evaluate(ReadinessInputs inputs) {
        try {
            ReadinessReport report = readiness.evaluate(inputs);
            current = report;
            for (String failure : failureLog.update(report.failures(), System.nanoTime())) {
                LOG.log(Level.WARNING, "edgebox.health: " + failure);
            }
            publish(report);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "edgebox.health: readiness computation failed", e);
        }
    }

    private void publish(ReadinessReport report) {
        if (report.ready() && ready == null && !closed) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Conditions.ID, Conditions.READY);
            ready = context.registerService(Condition.class, Condition.INSTANCE, props);
            LOG.log(Level.INFO, "edgebox.health: ready");
        } else if (!report.ready() && ready != null) {
            unregisterReady();
            LOG.log(Level.WARNING, "edgebox.health: no longer ready: " + String.join("; ", report.notReady()));
        }
    }

    private void unregisterReady() {
        try {
            ready.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        ready = null;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.UNINSTALLED) {
            probe.forget(event.getBundle());
        }
        trigger();
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        trigger();
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
            Throwable t = event.getThrowable();
            String message = t == null ? "error" : String.valueOf(t.getMessage() == null ? t : t.getMessage());
            probe.recordError(event.getBundle(), message);
            LOG.log(Level.WARNING, "edgebox.health: bundle " + event.getBundle().getSymbolicName() + " ["
                    + event.getBundle().getBundleId() + "]: " + message);
        }
        trigger();
    }

    /** Stops listening, stops the thread (waiting at most two seconds) and withdraws the ready condition. */
    @Override
    public void close() {
        closed = true;
        context.removeServiceListener(this);
        context.removeBundleListener(this);
        context.removeFrameworkListener(this);
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "edgebox.health: monitor thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.close();
        if (ready != null) {
            unregisterReady();
        }
    }
}
