package edgebox.api.objects;

import java.util.List;

/** An EndpointSlice of Service {@code serviceName} (label kubernetes.io/service-name). */
public record EndpointSlice(Meta meta, String serviceName, String addressType, List<Port> ports,
        List<Endpoint> endpoints) implements KubeObject {

    public EndpointSlice {
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public String kind() {
        return "EndpointSlice";
    }

    /** {@code name} empty for an unnamed port. */
    public record Port(String name, int port, String appProtocol) {
    }

    /** Conditions as Kubernetes reads them: ready absent = true, serving absent = ready. */
    public record Endpoint(List<String> addresses, boolean ready, boolean serving) {

        public Endpoint {
            addresses = List.copyOf(addresses);
        }
    }
}
