package edgebox.lb.console;

import java.util.List;

import edgebox.lb.maglev.MaglevBackend;
import edgebox.lb.maglev.MaglevTable;
import edgebox.lb.plan.VirtualService;

/**
 * One virtual service's Maglev table as {@code lb:maglev} shows it: size, seed, the time a build of the same table
 * takes now, and per backend its slots against its weighted fair share.
 */
final class MaglevReport {

    private MaglevReport() {
    }

    static String of(VirtualService vs) {
        MaglevTable table = vs.table();
        List<MaglevBackend> backends = table.backends();
        long start = System.nanoTime();
        MaglevTable.build(backends, table.size(), table.seed());
        double buildMillis = (System.nanoTime() - start) / 1e6;
        int[] slots = new int[backends.size()];
        for (int i = 0; i < table.size(); i++) {
            int owner = table.slot(i);
            if (owner >= 0) {
                slots[owner]++;
            }
        }
        long weights = backends.stream().mapToLong(MaglevBackend::weight).sum();
        StringBuilder b = new StringBuilder(String.format("%s (%s): table %d slots, seed %d, %d backends, "
                + "rebuilt in %.3f ms%n", vs.key(), vs.service(), table.size(), table.seed(), backends.size(),
                buildMillis));
        b.append(String.format("  %-26s %6s %8s %8s %9s%n", "BACKEND", "WEIGHT", "SLOTS", "SHARE", "VS FAIR"));
        for (int i = 0; i < backends.size(); i++) {
            double share = (double) slots[i] / table.size();
            double fair = (double) backends.get(i).weight() / weights;
            b.append(String.format("  %-26s %6d %8d %7.3f%% %+8.2f%%%n", backends.get(i).id(),
                    backends.get(i).weight(), slots[i], share * 100, (share / fair - 1) * 100));
        }
        if (backends.isEmpty()) {
            b.append("  no backend takes new flows: the table is empty\n");
        }
        return b.toString();
    }
}
