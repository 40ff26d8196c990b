package edgebox.l2.plan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.net.Cidr;
import edgebox.api.objects.Gateway;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;

/**
 * A Gateway the box serves or a LoadBalancer Service of the objects snapshot, with the addresses it asks to have
 * announced and the labels announcement policies select it by (its own, with the ones Cilium adds). A
 * {@code forwarded} claimant's traffic is the load balancer's to forward (DSR), not the box's sockets' to take.
 */
record Claimant(String display, Map<String, String> labels, List<InetAddress> loadBalancerIps,
        List<InetAddress> externalIps, boolean forwarded) {

    static final String SERVICE_NAMESPACE = "io.kubernetes.service.namespace";
    static final String SERVICE_NAME = "io.kubernetes.service.name";
    static final String GATEWAY_NAME = "gateway.networking.k8s.io/gateway-name";
    static final String OWNING_GATEWAY = "io.cilium.gateway/owning-gateway";

    /**
     * Every claimant of the snapshot, Gateways then Services, oldest first. A Gateway counts with its
     * {@code spec.addresses} only: without them it binds to the default address, which is not the segment's.
     */
    static List<Claimant> of(ObjectSnapshot objects) {
        List<Claimant> out = new ArrayList<>();
        for (Gateway g : objects.gateways()) {
            if (objects.served(g) && !g.addresses().isEmpty()) {
                Map<String, String> labels = new HashMap<>(g.meta().labels());
                labels.put(SERVICE_NAMESPACE, g.meta().namespace());
                labels.put(GATEWAY_NAME, g.meta().name());
                labels.put(OWNING_GATEWAY, g.meta().name());
                out.add(new Claimant("Gateway " + g.meta().key(), labels,
                        g.addresses().stream().map(Cidr::address).toList(), List.of(), false));
            }
        }
        for (Service s : objects.services()) {
            if (s.loadBalancer()) {
                Map<String, String> labels = new HashMap<>(s.meta().labels());
                labels.put(SERVICE_NAMESPACE, s.meta().namespace());
                labels.put(SERVICE_NAME, s.meta().name());
                out.add(new Claimant("Service " + s.meta().key(), labels, objects.loadBalancerAddresses(s),
                        s.externalIps(), s.directServerReturn()));
            }
        }
        return out;
    }
}
