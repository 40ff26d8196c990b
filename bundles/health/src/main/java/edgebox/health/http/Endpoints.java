package edgebox.health.http;

import java.io.IOException;
import java.io.OutputStream;

/** What the health endpoints answer; computed elsewhere, only read here. Every method must be quick and not block. */
public interface Endpoints {

    /** A verdict and its plain-text body. */
    record Answer(boolean ok, String body) {
    }

    Answer liveness();

    Answer readiness();

    /** Writes {@code /metrics} in the Prometheus text format 0.0.4. */
    void writeMetrics(OutputStream out) throws IOException;
}
