package edgebox.api.config;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns manifest objects of some kinds into Config Admin configurations. Function bundles register one for the
 * kinds they understand; the config bundle knows no kind of its own. A file holding a kind no handler claims is
 * refused whole, and tried again when a handler for it arrives.
 *
 * <p>{@link #translate} is a pure function of the object: no I/O, no Config Admin access. It checks every field it
 * reads and refuses the object with problems naming the field ({@code spec.listeners[0].port}) and the reason.
 */
@ConsumerType
public interface ManifestHandler {

    Set<ManifestKind> kinds();

    ManifestTranslation translate(ManifestObject object);

    /**
     * Called on the config bundle's thread once every manifest it holds of this handler's kinds has been translated
     * and written to Config Admin: after its first scan for a handler registered by then, and after the retry of the
     * files that waited for it for one that arrives later. A function that must not act on a partial set (the
     * policy engine) waits for it; Config Admin then still delivers the configurations asynchronously.
     */
    default void caughtUp() {
    }
}
