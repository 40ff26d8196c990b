package edgebox.api.objects;

import java.net.InetAddress;
import java.util.List;

/**
 * A {@code cilium.io} CiliumLoadBalancerIPPool: address ranges ({@code spec.blocks}, or the older {@code spec.cidrs};
 * a cidr or a start/stop pair) that LoadBalancer Services selected by {@code serviceSelector} get their address from.
 * Cluster-scoped: {@code meta().namespace()} is empty.
 */
public record LoadBalancerIpPool(Meta meta, List<Range> ranges, LabelSelector serviceSelector, boolean disabled)
        implements KubeObject {

    public LoadBalancerIpPool {
        ranges = List.copyOf(ranges);
    }

    @Override
    public String kind() {
        return "CiliumLoadBalancerIPPool";
    }

    /** {@code first} to {@code last}, both included, of one family. */
    public record Range(InetAddress first, InetAddress last) {
    }
}
