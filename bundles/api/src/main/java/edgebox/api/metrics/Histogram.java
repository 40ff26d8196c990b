package edgebox.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** A distribution of observations. On a hot path, resolve {@link #labels(String...)} once and keep the child. */
@ProviderType
public interface Histogram {

    Histogram labels(String... values);

    void observe(double value);
}
