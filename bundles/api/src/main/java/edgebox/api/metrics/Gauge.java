package edgebox.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** A value that goes up and down. On a hot path, resolve {@link #labels(String...)} once and keep the child. */
@ProviderType
public interface Gauge {

    Gauge labels(String... values);

    void set(double value);

    void inc();

    void dec();
}
