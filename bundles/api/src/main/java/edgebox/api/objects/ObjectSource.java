package edgebox.api.objects;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The box's object store, as an API server's watch cache: the one place that validated the shared Kubernetes
 * objects hands them out as immutable, versioned snapshots. It is registered once the objects Config Admin held at
 * start have all been read, so the first snapshot a function sees is complete. The registration's
 * {@value #VERSION} property follows the snapshot's version.
 */
@ProviderType
public interface ObjectSource {

    /** Service property: the current snapshot's version. */
    String VERSION = "edgebox.objects.version";

    ObjectSnapshot current();

    /**
     * Calls {@code subscriber} with the current snapshot, then with each newer one, in order, on the store's own
     * thread (a subscriber hands slow work to its own executor). Closing the returned handle stops the calls.
     */
    AutoCloseable subscribe(Consumer<ObjectSnapshot> subscriber);
}
