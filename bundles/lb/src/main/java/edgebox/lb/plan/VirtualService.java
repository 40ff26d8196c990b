package edgebox.lb.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import edgebox.lb.maglev.MaglevBackend;
import edgebox.lb.maglev.MaglevTable;

/**
 * One balanced VIP:port/protocol of a Service: all its backends (ordered by id), the ACTIVE ones, and the Maglev
 * table built over those. The table's backend index {@code i} is {@code active().get(i)}.
 */
public record VirtualService(VipKey key, String service, String portName, List<LbBackend> backends,
        List<LbBackend> active, MaglevTable table) {

    public VirtualService {
        backends = List.copyOf(backends);
        active = List.copyOf(active);
    }

    /** Orders the backends by id and builds the table over the ACTIVE ones. */
    static VirtualService build(VipKey key, String service, String portName, List<LbBackend> backends,
            LbSettings settings) {
        List<LbBackend> ordered = new ArrayList<>(backends);
        ordered.sort(Comparator.comparing(LbBackend::id));
        List<LbBackend> active = ordered.stream().filter(b -> b.state() == LbBackend.State.ACTIVE).toList();
        List<MaglevBackend> weighted = active.stream().map(b -> new MaglevBackend(b.id(), b.weight())).toList();
        return new VirtualService(key, service, portName, ordered, active,
                MaglevTable.build(weighted, settings.tableSize(), settings.seed()));
    }

    /** The ACTIVE backend a flow hash picks, or null when there is none. */
    public LbBackend pick(long flowHash) {
        int index = table.pick(flowHash);
        return index == MaglevTable.NO_BACKEND ? null : active.get(index);
    }
}
