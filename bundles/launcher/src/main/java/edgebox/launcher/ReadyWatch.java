package edgebox.launcher;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

/**
 * Waits for the OSGi condition {@code edgebox.ready} that {@code edgebox.health} registers, and prints the one line
 * {@code edgebox ready in N ms} the first time it appears. It matches by class name, so no class is shared with the
 * bundles beyond the OSGi core.
 */
final class ReadyWatch implements ServiceListener {

    static final String CONDITION = "org.osgi.service.condition.Condition";
    static final String FILTER = "(&(objectClass=" + CONDITION + ")(osgi.condition.id=edgebox.ready))";

    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicBoolean announced = new AtomicBoolean();
    private final PrintStream out;
    private final LongSupplier millisSinceProcessStart;

    ReadyWatch(PrintStream out, LongSupplier millisSinceProcessStart) {
        this.out = out;
        this.millisSinceProcessStart = millisSinceProcessStart;
    }

    void open(BundleContext context) {
        try {
            context.addServiceListener(this, FILTER);
            if (context.getServiceReferences((String) null, FILTER) != null) {
                announce();
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("ready filter " + FILTER + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            announce();
        }
    }

    private void announce() {
        if (announced.compareAndSet(false, true)) {
            out.println("edgebox ready in " + millisSinceProcessStart.getAsLong() + " ms");
            out.flush();
            ready.countDown();
        }
    }

    /** Ends a wait without the ready line: the framework stopped before it became ready. */
    void frameworkStopped() {
        ready.countDown();
    }

    /** Waits for the ready condition (or the framework's stop); true once the ready line was printed. */
    boolean await(long millis) throws InterruptedException {
        ready.await(millis, TimeUnit.MILLISECONDS);
        return announced.get();
    }

}
