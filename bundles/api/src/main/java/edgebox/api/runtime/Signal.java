package edgebox.api.runtime;

/**
 * A fact a component announces while it holds, such as "etc/ is loaded" (an OSGi condition): {@link #raise} makes
 * one registration through the component's {@link Registrar}, {@link #withdraw} undoes it, and either is a no-op
 * when already done. {@link #close} withdraws for good, so a late raise from work still finishing does nothing.
 */
public final class Signal {

    /** Makes the registration (e.g. registers a Condition service) and returns what undoes it. */
    @FunctionalInterface
    public interface Registrar {
        Runnable register();
    }

    private final Registrar registrar;
    private Runnable registration;
    private boolean closed;

    public Signal(Registrar registrar) {
        this.registrar = registrar;
    }

    public synchronized void raise() {
        if (!closed && registration == null) {
            registration = registrar.register();
        }
    }

    public synchronized void withdraw() {
        Runnable r = registration;
        registration = null;
        if (r != null) {
            r.run();
        }
    }

    public synchronized boolean raised() {
        return registration != null;
    }

    public synchronized void close() {
        closed = true;
        withdraw();
    }
}
