package edgebox.proxy.model;

import java.util.List;

/**
 * A Service: its ports, and for a LoadBalancer its external addresses and the hostnames its annotations announce.
 */
public record Service(Meta meta, String type, List<Port> ports, List<String> loadBalancerAddresses,
        List<String> hostnames) implements Resource {

    public Service {
        ports = List.copyOf(ports);
        loadBalancerAddresses = List.copyOf(loadBalancerAddresses);
        hostnames = List.copyOf(hostnames);
    }

    @Override
    public String kind() {
        return "Service";
    }

    /** {@code name} empty for an unnamed port. */
    public record Port(String name, int port, String appProtocol) {
    }
}
