package edgebox.proxy.route;

import java.util.List;
import java.util.Objects;

/**
 * The endpoints behind one backendRef: a Service port ({@code name} is {@code ns/service:port}). {@code appProtocol}
 * is the Service port's appProtocol ({@code kubernetes.io/h2c}, {@code kubernetes.io/ws}) or empty.
 * {@code problem} is non-empty when the backendRef does not resolve (no such Service, port, or a ReferenceGrant
 * missing): such a cluster answers 500 for its share of requests.
 */
public record Cluster(String name, String appProtocol, List<Endpoint> endpoints, String problem) {

    public Cluster {
        Objects.requireNonNull(name, "name");
        appProtocol = appProtocol == null ? "" : appProtocol;
        endpoints = List.copyOf(endpoints);
        problem = problem == null ? "" : problem;
    }

    public boolean resolved() {
        return problem.isEmpty();
    }

    public boolean h2c() {
        return "kubernetes.io/h2c".equals(appProtocol);
    }
}
