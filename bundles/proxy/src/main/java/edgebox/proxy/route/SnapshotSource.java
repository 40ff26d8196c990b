package edgebox.proxy.route;

import java.util.function.Consumer;

/**
 * The in-bundle service that hands out the compiled configuration. {@link #current()} never returns null (an empty
 * snapshot before the first compile). A subscriber is called with the current snapshot at once and then with each
 * new one, in order, on the compiler's thread; it must not block.
 */
public interface SnapshotSource {

    ProxySnapshot current();

    /** Returns a handle whose {@code close()} ends the subscription. */
    AutoCloseable subscribe(Consumer<ProxySnapshot> subscriber);
}
