package edgebox.objects.parse;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.api.objects.LoadBalancerIpPool;
import edgebox.api.objects.LoadBalancerIpPool.Range;
import edgebox.api.objects.Meta;
import edgebox.api.objects.Namespace;
import edgebox.api.objects.Pod;

/** Reads and checks Namespaces, Pods (labels and IPs) and CiliumLoadBalancerIPPools. */
final class ClusterParser {

    private ClusterParser() {
    }

    static Namespace namespace(Meta meta) {
        return new Namespace(meta);
    }

    /** A Pod's IPs: {@code status.podIPs[].ip}, else {@code status.podIP}. */
    static Pod pod(Meta meta, In root) {
        In status = root.at("status");
        List<InetAddress> ips = new ArrayList<>();
        for (In ip : status.list("podIPs", 2)) {
            address(ip.at("ip"), ips);
        }
        if (ips.isEmpty() && status.has("podIP")) {
            address(status.at("podIP"), ips);
        }
        return new Pod(meta, ips);
    }

    /**
     * A pool's ranges from {@code spec.blocks} (or the older {@code spec.cidrs}): each a {@code cidr}, or a
     * {@code start} with an optional {@code stop} of the same family, not before it.
     */
    static LoadBalancerIpPool pool(Meta meta, In spec) {
        String key = spec.has("blocks") ? "blocks" : "cidrs";
        List<Range> ranges = new ArrayList<>();
        List<In> blocks = spec.list(key, 256);
        for (In b : blocks) {
            if (b.has("cidr")) {
                String text = b.str("cidr");
                try {
                    Cidr c = Cidr.parse(text);
                    ranges.add(new Range(c.first(), c.last()));
                } catch (IllegalArgumentException e) {
                    b.problem("cidr", e.getMessage());
                }
            } else if (b.has("start")) {
                List<InetAddress> ends = new ArrayList<>();
                address(b.at("start"), ends);
                address(b.at(b.has("stop") ? "stop" : "start"), ends);
                if (ends.size() == 2) {
                    InetAddress start = ends.get(0);
                    InetAddress stop = ends.get(1);
                    if (start.getAddress().length != stop.getAddress().length
                            || java.util.Arrays.compareUnsigned(start.getAddress(), stop.getAddress()) > 0) {
                        b.problem("stop", "start " + Cidr.text(start) + " is after stop " + Cidr.text(stop)
                                + " or of another family");
                    } else {
                        ranges.add(new Range(start, stop));
                    }
                } else if (ends.size() == 1 && !b.has("stop")) {
                    ranges.add(new Range(ends.get(0), ends.get(0)));
                }
            } else {
                b.problem("needs cidr, or start (and stop)");
            }
        }
        if (blocks.isEmpty()) {
            spec.problem("blocks", "required: at least one block");
        }
        LabelSelector selector = spec.has("serviceSelector") ? GatewayParser.selector(spec.at("serviceSelector"))
                : LabelSelector.EVERYTHING;
        Boolean disabled = spec.bool("disabled");
        return new LoadBalancerIpPool(meta, ranges, selector, disabled != null && disabled);
    }

    private static void address(In node, List<InetAddress> out) {
        String text = node.text();
        if (text == null) {
            return;
        }
        try {
            out.add(Cidr.address(text));
        } catch (IllegalArgumentException e) {
            node.problem("must be an IP address, got \"" + text + "\"");
        }
    }
}
