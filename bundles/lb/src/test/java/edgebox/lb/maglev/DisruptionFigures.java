package edgebox.lb.maglev;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The figures bench/lb/disruption.sh prints (a program, not a test): for N backends of which one goes, the share of
 * new flows that change backend (Maglev's own disruption, against the ideal 1/N), the share of established flows on
 * the remaining backends that move once the connection table holds them (the aim is 0), and how many flows two boxes
 * that built their tables apart (backends listed in another order) send to the same backend.
 */
public final class DisruptionFigures {

    private static final long SEED = 0;
    private static final int FLOWS = 1_000_000;

    private DisruptionFigures() {
    }

    public static void main(String[] args) {
        System.out.printf("%-9s %-7s %-26s %-11s %-34s %s%n", "BACKENDS", "SIZE", "NEW FLOWS CHANGED (IDEAL)",
                "AIM", "ESTABLISHED ON OTHERS MOVED", "TWO BOXES AGREE");
        for (int n : new int[] {3, 10, 100}) {
            for (int size : new int[] {MaglevTable.SIZE_SMALL, MaglevTable.SIZE_DEFAULT, MaglevTable.SIZE_LARGE}) {
                row(n, size);
            }
        }
    }

    private static void row(int n, int size) {
        List<MaglevBackend> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(new MaglevBackend("10.42." + (i / 250) + "." + (i % 250 + 1) + ":443", 1));
        }
        MaglevTable before = MaglevTable.build(all, size, SEED);
        List<MaglevBackend> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(n));
        MaglevTable otherBox = MaglevTable.build(shuffled, size, SEED);
        int gone = n / 2;
        List<MaglevBackend> rest = new ArrayList<>(all);
        rest.remove(gone);
        MaglevTable after = MaglevTable.build(rest, size, SEED);

        ConnectionTable connections = new ConnectionTable(FLOWS, ConnectionTimeouts.DEFAULTS);
        Random random = new Random(7);
        int[] src = new int[FLOWS];
        int[] port = new int[FLOWS];
        int changed = 0;
        int agree = 0;
        for (int f = 0; f < FLOWS; f++) {
            src[f] = random.nextInt();
            port[f] = 1024 + random.nextInt(64512);
            long hash = FlowHash.hash(SEED, src[f], 0x0A00_0064, port[f], 443, 6);
            int was = number(all, before, hash);
            connections.insert(src[f], 0x0A00_0064, port[f], 443, 6, ConnectionTable.ACK, was, 0);
            if (was != number(all, after, hash)) {
                changed++;
            }
            if (was == number(all, otherBox, hash)) {
                agree++;
            }
        }
        int onOthers = 0;
        int moved = 0;
        for (int f = 0; f < FLOWS; f++) {
            long hash = FlowHash.hash(SEED, src[f], 0x0A00_0064, port[f], 443, 6);
            int was = number(all, before, hash);
            if (was == gone) {
                continue;
            }
            onOthers++;
            int kept = connections.lookup(src[f], 0x0A00_0064, port[f], 443, 6, ConnectionTable.ACK, 0,
                    b -> b != gone);
            int now = kept == ConnectionTable.NONE ? number(all, after, hash) : kept;
            if (now != was) {
                moved++;
            }
        }
        System.out.printf("%-9s %-7d %-26s %-11s %-34s %s%n", n + " -> " + (n - 1), size,
                String.format("%.3f %% (%.3f %%)", 100.0 * changed / FLOWS, 100.0 / n),
                String.format("<= %.2f %%", 100.0 / n + 1), moved + " of " + onOthers,
                String.format("%.4f %%", 100.0 * agree / FLOWS));
    }

    /** The backend's number in {@code all} (the connection table's backend numbers) for a flow. */
    private static int number(List<MaglevBackend> all, MaglevTable table, long hash) {
        String id = table.backends().get(table.pick(hash)).id();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException(id);
    }
}
