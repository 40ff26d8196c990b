package edgebox.lb.path;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stable numbers for things that come and go between tables (services, backends), so that counters and
 * connection-table entries survive a new table. A handle is a slot (an index into per-slot arrays, reused once
 * freed) and the slot's generation in the bits above it, so an entry that still names a freed and reused slot
 * does not match its new holder. Control side only; not thread-safe.
 */
public final class Handles {

    public static final int SLOT_BITS = 20;
    public static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    private static final int GENERATIONS = 1 << (31 - SLOT_BITS);

    private final String what;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final ArrayDeque<Integer> freed = new ArrayDeque<>();
    private int[] generation = new int[16];
    private int slots;

    public Handles(String what) {
        this.what = what;
    }

    /** The handle of {@code key}: the one it had, or a new one. */
    public int handle(String key) {
        Integer had = byKey.get(key);
        if (had != null) {
            return had;
        }
        int slot;
        if (!freed.isEmpty()) {
            slot = freed.poll();
        } else {
            if (slots > SLOT_MASK) {
                throw new IllegalStateException(what + ": more than " + (SLOT_MASK + 1) + " at once");
            }
            slot = slots++;
            if (slot == generation.length) {
                generation = Arrays.copyOf(generation, slot * 2);
            }
        }
        int g = generation[slot] = generation[slot] % (GENERATIONS - 1) + 1;
        int handle = g << SLOT_BITS | slot;
        byKey.put(key, handle);
        return handle;
    }

    /** Frees the handles of every key not in {@code keep}; their slots go to new keys, oldest freed first. */
    public void retain(Set<String> keep) {
        byKey.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            freed.add(e.getValue() & SLOT_MASK);
            return true;
        });
    }

    /** One more than the highest slot ever handed out: the size per-slot arrays need. */
    public int slots() {
        return slots;
    }

    public static int slot(int handle) {
        return handle & SLOT_MASK;
    }
}
