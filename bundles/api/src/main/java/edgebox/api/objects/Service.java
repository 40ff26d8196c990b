package edgebox.api.objects;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * A Service: its ports; for a LoadBalancer the addresses it asks for ({@code spec.loadBalancerIP}, Cilium's
 * {@code lbipam.cilium.io/ips} and {@code io.cilium/lb-ipam-ips} annotations, {@code status.loadBalancer.ingress[].ip})
 * and its {@code spec.externalIPs}; the hostnames its annotations announce; its {@code spec.selector}, the labels of
 * the pods behind it (empty: its endpoints are listed by hand). The address it gets is a derived fact:
 * {@link ObjectSnapshot#loadBalancerAddresses(Service)}.
 */
public record Service(Meta meta, String type, List<Port> ports, List<InetAddress> requestedAddresses,
        List<InetAddress> externalIps, List<String> hostnames, Map<String, String> selector) implements KubeObject {

    public static final String LOAD_BALANCER = "LoadBalancer";
    /** {@code dsr} (or absent): the box balances the Service's packets itself; {@code proxy}: the proxy serves it. */
    public static final String LB_MODE_ANNOTATION = "edgebox.io/lb-mode";

    public Service {
        ports = List.copyOf(ports);
        requestedAddresses = List.copyOf(requestedAddresses);
        externalIps = List.copyOf(externalIps);
        hostnames = List.copyOf(hostnames);
        selector = Map.copyOf(selector);
    }

    /** A Service without a selector (the form of api 1.0). */
    public Service(Meta meta, String type, List<Port> ports, List<InetAddress> requestedAddresses,
            List<InetAddress> externalIps, List<String> hostnames) {
        this(meta, type, ports, requestedAddresses, externalIps, hostnames, Map.of());
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
