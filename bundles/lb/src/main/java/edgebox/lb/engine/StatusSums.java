package edgebox.lb.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.lb.path.ForwardingTable;
import edgebox.lb.plan.LbBackend;
import edgebox.lb.plan.VirtualService;

/**
 * Sums the ports' reports per service and backend of the current table. A port may report on an older table, so
 * its numbers are matched by handle, not by position.
 */
final class StatusSums {

    private StatusSums() {
    }

    static List<EngineStatus.ServiceStatus> services(ForwardingTable table, List<PortReport> reports) {
        Map<Integer, long[]> byService = new HashMap<>();
        Map<Integer, long[]> byBackend = new HashMap<>();
        Map<Integer, String> neighbours = new HashMap<>();
        for (PortReport r : reports) {
            ForwardingTable t = r.table();
            for (int s = 0; s < t.services(); s++) {
                long[] sum = byService.computeIfAbsent(t.serviceHandle(s), h -> new long[2]);
                sum[0] += r.servicePackets()[s];
                sum[1] += r.serviceBytes()[s];
            }
            for (int p = 0; p < t.backends(); p++) {
                long[] sum = byBackend.computeIfAbsent(t.backendHandle(p), h -> new long[3]);
                sum[0] += r.backendPackets()[p];
                sum[1] += r.backendBytes()[p];
                sum[2] += r.flows()[p];
                if (r.neighbour()[p] != null) {
                    neighbours.putIfAbsent(t.backendHandle(p), r.neighbour()[p]);
                }
            }
        }
        List<EngineStatus.ServiceStatus> out = new ArrayList<>();
        for (int s = 0; s < table.services(); s++) {
            VirtualService vs = table.virtualService(s);
            List<EngineStatus.BackendStatus> backends = new ArrayList<>();
            for (int p = table.firstBackend(s); p < table.firstBackend(s + 1); p++) {
                int handle = table.backendHandle(p);
                long[] sum = byBackend.getOrDefault(handle, new long[3]);
                LbBackend b = table.backend(p);
                backends.add(new EngineStatus.BackendStatus(b.id(), b.state().name(), sum[0], sum[1],
                        neighbours.getOrDefault(handle, "unresolved"), sum[2],
                        (double) table.tableSlots(p) / vs.table().size()));
            }
            long[] sum = byService.getOrDefault(table.serviceHandle(s), new long[2]);
            out.add(new EngineStatus.ServiceStatus(vs.key(), vs.service(), sum[0], sum[1], backends));
        }
        return out;
    }
}
