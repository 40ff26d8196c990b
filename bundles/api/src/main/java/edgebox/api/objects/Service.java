package edgebox.api.objects;

import java.net.InetAddress;
import java.util.List;

/**
 * A Service: its ports; for a LoadBalancer the addresses it asks for ({@code spec.loadBalancerIP}, Cilium's
 * {@code lbipam.cilium.io/ips} and {@code io.cilium/lb-ipam-ips} annotations, {@code status.loadBalancer.ingress[].ip})
 * and its {@code spec.externalIPs}; the hostnames its annotations announce. The address it gets is a derived fact:
 * {@link ObjectSnapshot#loadBalancerAddresses(Service)}.
 */
public record Service(Meta meta, String type, List<Port> ports, List<InetAddress> requestedAddresses,
        List<InetAddress> externalIps, List<String> hostnames) implements KubeObject {

    public static final String LOAD_BALANCER = "LoadBalancer";
    /** {@code dsr} (or absent): the box balances the Service's packets itself; {@code proxy}: the proxy serves it. */
    public static final String LB_MODE_ANNOTATION = "edgebox.io/lb-mode";

    public Service {
        ports = List.copyOf(ports);
        requestedAddresses = List.copyOf(requestedAddresses);
        externalIps = List.copyOf(externalIps);
        hostnames = List.copyOf(hostnames);
    }

    @Override
    public String kind() {
        return "Service";
    }

    public boolean loadBalancer() {
        return LOAD_BALANCER.equals(type);
    }

    /**
     * A LoadBalancer Service whose packets the box's load balancer forwards to its backends, which answer the client
     * themselves: its addresses must never be the box's own.
     */
    public boolean directServerReturn() {
        return loadBalancer() && !"proxy".equals(meta.annotations().get(LB_MODE_ANNOTATION));
    }

    /** {@code name} empty for an unnamed port; {@code protocol} TCP, UDP or SCTP. */
    public record Port(String name, int port, String protocol, String appProtocol) {
    }
}
