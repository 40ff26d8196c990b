package edgebox.lb.maglev;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable Maglev lookup table (Eisenbud et al., NSDI 2016) and its pure builder: weighted backends, a prime
 * table size and a seed in, an array of backend indexes out.
 *
 * <p>Each backend's preference list is the permutation {@code (offset + j * skip) mod size}; offset and skip come
 * from two independently seeded {@link Hash64} hashes (fmix64-based) of the backend id's UTF-8 bytes. Backends take
 * turns claiming their next free preferred slot until every slot is taken. Weights work as in Katran's MaglevHashV2:
 * each round a backend's credit grows by its weight and it claims a slot whenever the credit reaches the largest
 * weight, so its turns come in proportion to its weight. Backends are ordered by id before building, so the table
 * depends only on the set of backends, the size and the seed: the same on every JVM and every box.
 */
public final class MaglevTable {

    /** The table sizes offered, all prime (as Cilium's maglev.tableSize). */
    public static final int SIZE_SMALL = 16381;
    public static final int SIZE_DEFAULT = 65537;
    public static final int SIZE_LARGE = 131071;

    /** A slot of a table without backends. */
    public static final int NO_BACKEND = -1;

    private static final long SKIP_SEED_SALT = 0x5BD1E9955BD1E995L;

    private final List<MaglevBackend> backends;
    private final int[] slots;
    private final long seed;

    private MaglevTable(List<MaglevBackend> backends, int[] slots, long seed) {
        this.backends = backends;
        this.slots = slots;
        this.seed = seed;
    }

    /**
     * Builds the table. The returned table's backend indexes refer to {@link #backends()}, which lists the given
     * backends ordered by id.
     *
     * @throws IllegalArgumentException on a size that is not one of the three offered, or two backends with one id
     */
    public static MaglevTable build(List<MaglevBackend> backends, int size, long seed) {
        if (size != SIZE_SMALL && size != SIZE_DEFAULT && size != SIZE_LARGE) {
            throw new IllegalArgumentException("Maglev table: size: must be one of " + SIZE_SMALL + ", "
                    + SIZE_DEFAULT + ", " + SIZE_LARGE + ", was " + size);
        }
        List<MaglevBackend> ordered = new ArrayList<>(backends);
        ordered.sort(Comparator.comparing(MaglevBackend::id));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).id().equals(ordered.get(i - 1).id())) {
                throw new IllegalArgumentException("Maglev table: backends: id " + ordered.get(i).id()
                        + " is listed twice");
            }
        }
        int[] slots = new int[size];
        Arrays.fill(slots, NO_BACKEND);
        if (!ordered.isEmpty()) {
            populate(ordered, slots, seed);
        }
        return new MaglevTable(List.copyOf(ordered), slots, seed);
    }

    private static void populate(List<MaglevBackend> backends, int[] slots, long seed) {
        int size = slots.length;
        int count = backends.size();
        int[] next = new int[count];
        int[] skip = new int[count];
        int[] weight = new int[count];
        long[] credit = new long[count];
        int maxWeight = 0;
        for (int i = 0; i < count; i++) {
            MaglevBackend backend = backends.get(i);
            next[i] = (int) Long.remainderUnsigned(Hash64.ofUtf8(backend.id(), seed), size);
            skip[i] = (int) Long.remainderUnsigned(Hash64.ofUtf8(backend.id(), seed ^ SKIP_SEED_SALT), size - 1) + 1;
            weight[i] = backend.weight();
            maxWeight = Math.max(maxWeight, weight[i]);
        }
        // Probing reads a bitset of taken slots (8 KiB at 65537 slots, cache-resident) rather than the slots.
        long[] taken = new long[(size + 63) >>> 6];
        int filled = 0;
        while (true) {
            for (int i = 0; i < count; i++) {
                credit[i] += weight[i];
                if (credit[i] < maxWeight) {
                    continue;
                }
                credit[i] -= maxWeight;
                int slot = next[i];
                while ((taken[slot >>> 6] & (1L << slot)) != 0) {
                    slot = advance(slot, skip[i], size);
                }
                taken[slot >>> 6] |= 1L << slot;
                slots[slot] = i;
                next[i] = advance(slot, skip[i], size);
                if (++filled == size) {
                    return;
                }
            }
        }
    }

    private static int advance(int slot, int skip, int size) {
        int next = slot + skip;
        return next >= size ? next - size : next;
    }

    /**
     * The backend index for a flow hash ({@link FlowHash}), or {@link #NO_BACKEND} when the table is empty. The
     * hash's high 32 bits are scaled to the table size by a multiply and a shift (no division).
     */
    public int pick(long flowHash) {
        return slots[(int) (((flowHash >>> 32) * slots.length) >>> 32)];
    }

    /** The backends, ordered by id; the table's indexes refer to this list. */
    public List<MaglevBackend> backends() {
        return backends;
    }

    public int size() {
        return slots.length;
    }

    public long seed() {
        return seed;
    }

    /** The backend index in one slot. */
    public int slot(int index) {
        return slots[index];
    }

    /** A copy of all slots, for comparing tables and programming only the changed slots. */
    public int[] slots() {
        return slots.clone();
    }
}
