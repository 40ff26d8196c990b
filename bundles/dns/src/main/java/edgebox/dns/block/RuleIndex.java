package edgebox.dns.block;

import java.util.List;

/**
 * Every rule of every list, indexed by name: an open-addressing table of distinct names (each a reference to its
 * bytes in a list's arena) and, per name, a chain of rules. Built once per change, never changed after; a lookup
 * hashes a range of the query's wire bytes and allocates nothing.
 */
final class RuleIndex {

    private final FilterList[] lists;
    private final int[] bases;
    private final int[] slots;
    private final int mask;
    private final int[] next;
    private int names;

    RuleIndex(List<FilterList> in) {
        lists = in.toArray(FilterList[]::new);
        bases = new int[lists.length + 1];
        for (int i = 0; i < lists.length; i++) {
            bases[i + 1] = bases[i] + lists[i].size();
        }
        int total = bases[lists.length];
        int capacity = Integer.highestOneBit(Math.max(16, total + total / 2)) * 2;
        slots = new int[capacity];
        mask = capacity - 1;
        next = new int[total];
        for (int l = 0; l < lists.length; l++) {
            FilterList f = lists[l];
            byte[] b = f.names();
            for (int r = 0; r < f.size(); r++) {
                int g = bases[l] + r;
                int slot = find(b, f.start(r), f.end(r));
                next[g] = slots[slot] - 1;
                if (next[g] < 0) {
                    names++;
                }
                slots[slot] = g + 1;
            }
        }
    }

    /** The slot holding this name, or the empty slot where it would go. Slots hold a rule of that name, plus one. */
    private int find(byte[] b, int from, int to) {
        int i = WireName.hash(b, from, to) & mask;
        while (true) {
            int g = slots[i] - 1;
            if (g < 0) {
                return i;
            }
            FilterList f = lists[list(g)];
            int r = g - bases[list(g)];
            if (WireName.equal(f.names(), f.start(r), f.end(r), b, from, to)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** The last rule added for the name in {@code b[from, to)}, or -1; walk on with {@link #next(int)}. */
    int first(byte[] b, int from, int to) {
        int g = slots[find(b, from, to)] - 1;
        return g < 0 ? -1 : g;
    }

    int next(int rule) {
        return next[rule];
    }

    int list(int rule) {
        int lo = 0;
        int hi = lists.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bases[mid] <= rule) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    FilterList listOf(int rule) {
        return lists[list(rule)];
    }

    int local(int rule) {
        return rule - bases[list(rule)];
    }

    int names() {
        return names;
    }

    int rules() {
        return next.length;
    }
}
