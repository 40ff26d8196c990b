package edgebox.lb.health;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What one check looks at: a backend address and port as one Service port sees it, and that port's spec. Two
 * Service ports that share a backend and a spec share one target.
 */
public record HealthTarget(InetAddress address, int port, HealthSpec spec) {

    public HealthTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(spec, "spec");
    }

    /** The port the check connects to: the spec's own, or the backend's. */
    public int checkPort() {
        return spec.port() == 0 ? port : spec.port();
    }

    /** The backend, "10.0.0.5:80" or "[fd00:0:0:0:0:0:0:5]:80". */
    public String backend() {
        return hostPort(port);
    }

    /** What is checked, "tcp 10.0.0.5:80" or "http 10.0.0.5:8081/healthz". */
    @Override
    public String toString() {
        return spec.check().name().toLowerCase(java.util.Locale.ROOT) + " " + hostPort(checkPort())
                + (spec.check() == HealthCheck.HTTP ? spec.path() : "");
    }

    String hostPort(int p) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + p;
    }
}
