package edgebox.lb.path;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import edgebox.api.packet.FrameHandler;
import edgebox.api.packet.PacketPort;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.lb.frame.Bytes;
import edgebox.lb.frame.DropReason;
import edgebox.lb.frame.DsrRewrite;
import edgebox.lb.frame.FlowKey;
import edgebox.lb.frame.FrameView;
import edgebox.lb.frame.IpipEncap;
import edgebox.lb.maglev.ConnectionTable;
import edgebox.lb.maglev.FlowHash;
import edgebox.lb.neigh.IpAddress;
import edgebox.lb.neigh.NeighbourCache;
import edgebox.lb.neigh.NeighbourResolver;

/**
 * The data path of one port, run on the port's thread for every received frame: read the frame; ARP and neighbour
 * advertisements go to the {@link NeighbourResolver}; a frame to a VIP (and to the port's MAC) takes its flow's
 * backend from the connection table, else from the service's Maglev table (and is remembered); it leaves on the
 * same port with only its MAC addresses changed (direct server return), or, for a backend on none of the port's
 * subnets, wrapped in IPIP towards the router. An ICMP "fragmentation needed" or "packet too big" goes to the
 * backend of the flow it quotes. Every frame not forwarded is counted by {@link Drop}. Allocates nothing per frame.
 *
 * <p>Policy: a frame without a connection-table entry (a new flow; for TCP whatever the table does not hold, not
 * only a SYN) is first put to the {@link FlowPolicy} with the backend Maglev picked; a refused one is dropped as
 * {@link Drop#POLICY_DENIED} and leaves no entry, so its next frame is asked again. So is an ICMP error about a
 * flow the table does not hold. Frames of flows the table holds are not asked again: a policy change does not cut
 * established flows (as Cilium's connection tracking keeps them) until they end or go idle.
 */
public final class Forwarder implements FrameHandler {

    private static final int ETHERNET_HEADER = 14;

    private final PacketPort port;
    private final long portMac;
    private final ConnectionTable connections;
    private final NeighbourResolver neighbours;
    private final NeighbourCache cache;
    private final LongSupplier clock;
    private final InetAddress router4;
    private final InetAddress router6;
    private final FrameView view = new FrameView();
    private final DsrRewrite dsr;
    private final IpipEncap ipip;
    private final ByteBuffer tunnel;
    private final IntPredicate keepsFlows = this::keepsFlows;
    private final PathCounters counters = new PathCounters();
    private final FlowPolicy policy;

    private ForwardingTable table = ForwardingTable.EMPTY;
    private int[] neighbourOf = new int[0];
    private boolean[] tunnelled = new boolean[0];
    private int router4Slot = NeighbourCache.NONE;
    private int router6Slot = NeighbourCache.NONE;
    private int lookupService;
    private long now;

    /**
     * A forwarder for {@code port}; {@code router4} and {@code router6} are the next hops towards backends on no
     * connected subnet (null: none for that family); {@code tunnelSource4} and {@code tunnelSource6} are the box's
     * addresses IPIP packets leave from (either may be null); {@code policy} gives the policy decision point new
     * flows are put to, or null when none is registered.
     */
    public Forwarder(PacketPort port, ConnectionTable connections, NeighbourResolver neighbours, LongSupplier clock,
            InetAddress router4, InetAddress router6, InetAddress tunnelSource4, InetAddress tunnelSource6,
            Supplier<PolicyDecisionPoint> policy) {
        this.port = port;
        this.policy = new FlowPolicy(policy);
        this.portMac = port.mac();
        this.connections = connections;
        this.neighbours = neighbours;
        this.cache = neighbours.cache();
        this.clock = clock;
        this.router4 = router4;
        this.router6 = router6;
        this.dsr = new DsrRewrite(port.mac(), port.mtu());
        this.ipip = new IpipEncap(port.mac(),
                tunnelSource4 == null ? 0 : (int) IpAddress.low(tunnelSource4),
                tunnelSource6 == null ? 0 : IpAddress.high(tunnelSource6),
                tunnelSource6 == null ? 0 : IpAddress.low(tunnelSource6), port.mtu());
        this.tunnel = ByteBuffer.allocateDirect(ETHERNET_HEADER + port.mtu());
    }

    /**
     * Makes {@code next} the table frames are forwarded by, on the port's thread between frames: the counters of
     * services and backends it still holds carry on, those of new ones start at zero, and the neighbours to
     * resolve become its backends on the port's subnets and the routers for the others.
     */
    public void install(ForwardingTable next) {
        long at = clock.getAsLong();
        counters.adopt(next);
        Map<InetAddress, Integer> targets = new LinkedHashMap<>();
        int[] slots = new int[next.backends()];
        boolean[] viaRouter = new boolean[next.backends()];
        boolean needs4 = false;
        boolean needs6 = false;
        for (int p = 0; p < next.backends(); p++) {
            InetAddress address = next.backend(p).address();
            if (neighbours.source(address) != NeighbourCache.NONE) {
                slots[p] = targets.computeIfAbsent(address, a -> targets.size());
            } else {
                slots[p] = NeighbourCache.NONE;
                viaRouter[p] = true;
                boolean v4 = IpAddress.isV4(next.backendHigh(p), next.backendLow(p));
                needs4 |= v4;
                needs6 |= !v4;
            }
        }
        if (needs4 && router4 != null) {
            targets.putIfAbsent(router4, targets.size());
        }
        if (needs6 && router6 != null) {
            targets.putIfAbsent(router6, targets.size());
        }
        neighbours.track(List.copyOf(targets.keySet()), at);
        router4Slot = slotOf(router4);
        router6Slot = slotOf(router6);
        neighbourOf = slots;
        tunnelled = viaRouter;
        table = next;
    }

    private int slotOf(InetAddress router) {
        return router == null ? NeighbourCache.NONE : cache.slot(IpAddress.high(router), IpAddress.low(router));
    }

    @Override
    public void frame(ByteBuffer buffer, int offset, int captured, int length) {
        now = clock.getAsLong();
        DropReason bad = view.parse(buffer, offset, captured);
        if (neighbours.receive(view, now)) {
            return;
        }
        if (bad != null) {
            drop(Drop.of(bad));
            return;
        }
        if (captured < length) {
            drop(Drop.TRUNCATED);
            return;
        }
        if (Bytes.mac(buffer, offset) != portMac) {
            drop(Drop.NOT_TO_THIS_PORT);
            return;
        }
        FlowKey flow = view.quotesFlow() ? view.quotedFlow() : view.flow();
        boolean v4 = flow.ipVersion() == 4;
        long srcHigh = v4 ? 0 : flow.srcHigh();
        long srcLow = v4 ? IpAddress.v4Low(flow.src4()) : flow.srcLow();
        long dstHigh = v4 ? 0 : flow.dstHigh();
        long dstLow = v4 ? IpAddress.v4Low(flow.dst4()) : flow.dstLow();
        int service = table.service(dstHigh, dstLow, flow.dstPort(), flow.protocol());
        if (service == ForwardingTable.NONE) {
            drop(Drop.NO_SERVICE);
            return;
        }
        lookupService = service;
        int backend;
        if (view.quotesFlow()) {
            int handle = connections.peek(srcHigh, srcLow, dstHigh, dstLow, flow.srcPort(), flow.dstPort(),
                    flow.protocol(), now);
            backend = handle != ConnectionTable.NONE && keepsFlows(handle)
                    ? table.position(handle) : pickNew(flow, service);
        } else {
            int handle = connections.lookup(srcHigh, srcLow, dstHigh, dstLow, flow.srcPort(), flow.dstPort(),
                    flow.protocol(), view.tcpFlags(), now, keepsFlows);
            backend = handle != ConnectionTable.NONE ? table.position(handle) : pickNew(flow, service);
            if (handle == ConnectionTable.NONE && backend != ForwardingTable.NONE) {
                connections.insert(srcHigh, srcLow, dstHigh, dstLow, flow.srcPort(), flow.dstPort(),
                        flow.protocol(), view.tcpFlags(), table.backendHandle(backend), now);
            }
        }
        if (backend != ForwardingTable.NONE && send(backend, buffer, offset, captured, v4)) {
            counters.forwarded(table.serviceHandle(service), table.backendHandle(backend), length);
        }
    }

    /**
     * The backend Maglev picks for a flow the connection table does not hold, when there is one and the policy
     * admits the flow to it; else {@link ForwardingTable#NONE}, the drop counted.
     */
    private int pickNew(FlowKey flow, int service) {
        int backend = table.pick(service, hash(flow, service));
        Drop refused = backend == ForwardingTable.NONE ? Drop.NO_BACKEND
                : policy.ask(flow, table.backendHigh(backend), table.backendLow(backend));
        if (refused != null) {
            drop(refused);
            return ForwardingTable.NONE;
        }
        return backend;
    }

    private long hash(FlowKey flow, int service) {
        long seed = table.seed(service);
        return flow.ipVersion() == 4
                ? FlowHash.hash(seed, flow.src4(), flow.dst4(), flow.srcPort(), flow.dstPort(), flow.protocol())
                : FlowHash.hash(seed, flow.srcHigh(), flow.srcLow(), flow.dstHigh(), flow.dstLow(), flow.srcPort(),
                        flow.dstPort(), flow.protocol());
    }

    private boolean send(int backend, ByteBuffer buffer, int offset, int captured, boolean v4) {
        if (!tunnelled[backend]) {
            long mac = cache.mac(neighbourOf[backend], now);
            if (mac == NeighbourCache.UNRESOLVED) {
                return drop(Drop.NEIGHBOUR_UNRESOLVED);
            }
            DropReason bad = dsr.rewrite(view, mac);
            return bad != null ? drop(Drop.of(bad)) : transmit(buffer, offset, captured);
        }
        int router = v4 ? router4Slot : router6Slot;
        if (router == NeighbourCache.NONE) {
            return drop(Drop.NO_ROUTE);
        }
        long mac = cache.mac(router, now);
        if (mac == NeighbourCache.UNRESOLVED) {
            return drop(Drop.NEIGHBOUR_UNRESOLVED);
        }
        DropReason bad = v4
                ? ipip.encapsulate4(view, (int) table.backendLow(backend), mac, tunnel, 0)
                : ipip.encapsulate6(view, table.backendHigh(backend), table.backendLow(backend), mac, tunnel, 0);
        return bad != null ? drop(Drop.of(bad)) : transmit(tunnel, 0, ipip.written());
    }

    private boolean transmit(ByteBuffer buffer, int offset, int length) {
        try {
            port.send(buffer, offset, length);
            return true;
        } catch (IOException e) {
            return drop(Drop.SEND_FAILED);
        }
    }

    private boolean drop(Drop reason) {
        return counters.drop(reason);
    }

    private boolean keepsFlows(int handle) {
        return table.keepsFlows(handle, lookupService);
    }

    public ForwardingTable table() {
        return table;
    }

    public ConnectionTable connections() {
        return connections;
    }

    public NeighbourResolver neighbours() {
        return neighbours;
    }

    /** The neighbour-cache slot a backend position is reached through: its own, or its family's router's. */
    public int neighbourSlot(int position) {
        if (!tunnelled[position]) {
            return neighbourOf[position];
        }
        return IpAddress.isV4(table.backendHigh(position), table.backendLow(position)) ? router4Slot : router6Slot;
    }

    public boolean tunnelled(int position) {
        return tunnelled[position];
    }

    public PathCounters counters() {
        return counters;
    }

    public long drops(Drop reason) {
        return counters.drops(reason);
    }

    /** Packets forwarded for the service at this position of the installed table. */
    public long servicePackets(int service) {
        return counters.servicePackets(table.serviceHandle(service));
    }

    public long serviceBytes(int service) {
        return counters.serviceBytes(table.serviceHandle(service));
    }

    public long backendPackets(int position) {
        return counters.backendPackets(table.backendHandle(position));
    }

    public long backendBytes(int position) {
        return counters.backendBytes(table.backendHandle(position));
    }
}
