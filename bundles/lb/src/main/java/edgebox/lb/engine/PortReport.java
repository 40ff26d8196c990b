package edgebox.lb.engine;

import edgebox.lb.maglev.ConnectionTable;
import edgebox.lb.neigh.IpAddress;
import edgebox.lb.neigh.NeighbourCache;
import edgebox.lb.path.Drop;
import edgebox.lb.path.Forwarder;
import edgebox.lb.path.ForwardingTable;

/**
 * A copy of one port's numbers, taken on the port's thread, for the table it had installed: per service and per
 * backend position packets and bytes, per backend the flows held and the neighbour, and the port's drops.
 */
record PortReport(ForwardingTable table, long[] servicePackets, long[] serviceBytes, long[] backendPackets,
        long[] backendBytes, long[] flows, String[] neighbour, long[] drops, int connections, long evictions,
        long expirations, long questions, long giveUps) {

    static PortReport of(Forwarder f, long now) {
        ForwardingTable t = f.table();
        long[] servicePackets = new long[t.services()];
        long[] serviceBytes = new long[t.services()];
        for (int s = 0; s < t.services(); s++) {
            servicePackets[s] = f.servicePackets(s);
            serviceBytes[s] = f.serviceBytes(s);
        }
        long[] backendPackets = new long[t.backends()];
        long[] backendBytes = new long[t.backends()];
        String[] neighbour = new String[t.backends()];
        NeighbourCache cache = f.neighbours().cache();
        for (int p = 0; p < t.backends(); p++) {
            backendPackets[p] = f.backendPackets(p);
            backendBytes[p] = f.backendBytes(p);
            int slot = f.neighbourSlot(p);
            long mac = slot == NeighbourCache.NONE ? NeighbourCache.UNRESOLVED : cache.mac(slot, now);
            neighbour[p] = mac == NeighbourCache.UNRESOLVED ? null : IpAddress.mac(mac) + (f.tunnelled(p)
                    ? " via " + IpAddress.of(cache.high(slot), cache.low(slot)).getHostAddress() : "")
                    + (cache.stale(slot, now) ? " (stale, asked again)" : "");
        }
        long[] flows = new long[t.backends()];
        ConnectionTable connections = f.connections();
        connections.visit(connections.size(), now, (sh, sl, dh, dl, sp, dp, proto, handle, left) -> {
            int p = t.position(handle);
            if (p != ForwardingTable.NONE) {
                flows[p]++;
            }
        });
        long[] drops = new long[Drop.values().length];
        for (Drop d : Drop.values()) {
            drops[d.ordinal()] = f.drops(d);
        }
        return new PortReport(t, servicePackets, serviceBytes, backendPackets, backendBytes, flows, neighbour, drops,
                connections.size(), connections.evictions(), connections.expirations(), f.neighbours().questions(),
                f.neighbours().giveUps());
    }
}
