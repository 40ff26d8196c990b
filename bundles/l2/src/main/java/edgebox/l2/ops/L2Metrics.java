package edgebox.l2.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.l2.run.Observer;

/** The announcer's Prometheus metrics; labelled children are resolved once and kept. */
public final class L2Metrics implements Observer {

    private final Counter arp;
    private final Counter ndp;
    private final Counter garp;
    private final Counter transitions;
    private final Map<String, Counter> children = new ConcurrentHashMap<>();

    public L2Metrics(MetricsRegistry registry) {
        arp = registry.counter("edgebox_l2_arp_replies_total", "ARP replies sent for owned VIPs", "interface");
        ndp = registry.counter("edgebox_l2_ndp_replies_total", "Neighbor Advertisements sent in answer to "
                + "solicitations for owned VIPs", "interface");
        garp = registry.counter("edgebox_l2_garp_sent_total", "Gratuitous announcements (ARP or unsolicited NA) "
                + "sent, per VIP and round", "interface");
        transitions = registry.counter("edgebox_l2_vrrp_transitions_total", "VRRP state changes by router and new "
                + "state", "router", "state");
    }

    @Override
    public void arpReplied(String iface) {
        child("arp", arp, iface).inc();
    }

    @Override
    public void ndpReplied(String iface) {
        child("ndp", ndp, iface).inc();
    }

    @Override
    public void garpSent(String iface) {
        child("garp", garp, iface).inc();
    }

    @Override
    public void transition(String router, String state) {
        child("vrrp", transitions, router, state).inc();
    }

    private Counter child(String kind, Counter parent, String... labels) {
        return children.computeIfAbsent(kind + "\0" + String.join("\0", labels), k -> parent.labels(labels));
    }
}
