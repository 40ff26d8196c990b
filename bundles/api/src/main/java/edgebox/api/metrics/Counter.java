package edgebox.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A monotonic counter. On a hot path, resolve {@link #labels(String...)} once and keep the child.
 */
@ProviderType
public interface Counter {

    /** The child for these label values, in the order the label names were declared. */
    Counter labels(String... values);

    void inc();

    void inc(double amount);
}
