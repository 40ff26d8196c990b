package edgebox.proxy.route;

import java.util.List;
import java.util.Objects;

/**
 * The endpoints behind one backendRef: a Service port ({@code name} is {@code ns/service:port}). {@code appProtocol}
 * is the Service port's appProtocol ({@code kubernetes.io/h2c}, {@code kubernetes.io/ws}) or empty.
 * {@code problem} is non-empty when the backendRef does not resolve (no such Service, port, or a ReferenceGrant
 * missing): such a cluster answers 500 for its share of requests. {@code tls} is set when a BackendTLSPolicy covers
 * the port (then the connections are HTTP/1.1 over TLS), null for plaintext.
 */
public record Cluster(String name, String appProtocol, List<Endpoint> endpoints, String problem, BackendTls tls) {

    public Cluster {
        Objects.requireNonNull(name, "name");
        appProtocol = appProtocol == null ? "" : appProtocol;
        endpoints = List.copyOf(endpoints);
        problem = problem == null ? "" : problem;
    }

    public Cluster(String name, String appProtocol, List<Endpoint> endpoints, String problem) {
        this(name, appProtocol, endpoints, problem, null);
    }

    public boolean resolved() {
        return problem.isEmpty();
    }

    /** Cleartext HTTP/2: never under a BackendTLSPolicy, whose connections speak HTTP/1.1. */
    public boolean h2c() {
        return tls == null && "kubernetes.io/h2c".equals(appProtocol);
    }
}
