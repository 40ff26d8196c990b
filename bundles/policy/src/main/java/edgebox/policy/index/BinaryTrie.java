package edgebox.policy.index;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A path-compressed binary trie (Patricia) over 128-bit keys, flattened into one {@code long[]}: four longs per
 * node (key high, key low, length and value, the two children), so a node and its neighbour share a cache line.
 * Only stored prefixes and branch points are nodes: a lookup visits at most one node per stored prefix or branch
 * on the address's path, never more than {@code width + 1}, and compares whole keys rather than single bits. The
 * child is picked by shifting, not branching: the next bit of an address is a coin toss to a branch predictor.
 * Immutable; lookups allocate nothing.
 */
final class BinaryTrie {

    private static final int STRIDE = 4;

    private final long[] nodes;
    private final int width;

    /** {@code prefixes} sorted and distinct; a match answers the index of its prefix in the list. */
    BinaryTrie(List<Prefix> prefixes, int width) {
        this.width = width;
        Draft root = new Draft();
        for (int i = 0; i < prefixes.size(); i++) {
            Prefix p = prefixes.get(i);
            Draft d = root;
            for (int b = 0; b < p.length(); b++) {
                d = d.child(Prefix.bit(p.high(), p.low(), b));
            }
            d.value = i;
        }
        this.nodes = new long[STRIDE * keptCount(root)];
        Draft top = root.skipChain();
        if (top != null) {
            flatten(top, new int[] {0});
        }
    }

    int size() {
        return nodes.length / STRIDE;
    }

    /** The index of the longest prefix holding {@code high:low}, or -1. */
    int longest(long high, long low) {
        int best = -1;
        int n = nodes.length == 0 ? -1 : 0;
        while (n >= 0) {
            int i = n * STRIDE;
            long meta = nodes[i + 2];
            int length = (int) meta & 0xff;
            if (!Prefix.matches(nodes[i], nodes[i + 1], length, high, low)) {
                return best;
            }
            int value = (int) (meta >> 32);
            if (value >= 0) {
                best = value;
            }
            if (length == width) {
                return best;
            }
            n = (int) (nodes[i + 3] >> ((Prefix.bit(high, low, length) ^ 1) << 5));
        }
        return best;
    }

    private static int keptCount(Draft root) {
        int count = 0;
        ArrayDeque<Draft> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Draft d = todo.pop();
            count += d.kept() ? 1 : 0;
            if (d.zero != null) {
                todo.push(d.zero);
            }
            if (d.one != null) {
                todo.push(d.one);
            }
        }
        return count;
    }

    /** Writes {@code d} at the next free slot (depth-first), then its subtrees; answers its slot. */
    private int flatten(Draft d, int[] next) {
        int slot = next[0]++;
        int i = slot * STRIDE;
        nodes[i] = d.high;
        nodes[i + 1] = d.low;
        Draft zero = d.zero == null ? null : d.zero.skipChain();
        Draft one = d.one == null ? null : d.one.skipChain();
        int z = zero == null ? -1 : flatten(zero, next);
        int o = one == null ? -1 : flatten(one, next);
        nodes[i + 2] = ((long) d.value << 32) | d.length;
        nodes[i + 3] = ((long) z << 32) | (o & 0xffff_ffffL);
        return slot;
    }

    /** The uncompressed trie the build starts from: one draft node per bit. */
    private static final class Draft {
        Draft zero;
        Draft one;
        int value = -1;
        long high;
        long low;
        int length;

        Draft child(int bit) {
            Draft c = bit == 0 ? zero : one;
            if (c == null) {
                c = new Draft();
                c.length = length + 1;
                c.high = high;
                c.low = low;
                if (bit == 1) {
                    if (length < 64) {
                        c.high |= 1L << (63 - length);
                    } else {
                        c.low |= 1L << (127 - length);
                    }
                }
                if (bit == 0) {
                    zero = c;
                } else {
                    one = c;
                }
            }
            return c;
        }

        /** A node stays when it holds a prefix or branches. */
        boolean kept() {
            return value >= 0 || (zero != null && one != null);
        }

        /** This node, or the first kept node down its single-child chain; null for an empty trie. */
        Draft skipChain() {
            Draft d = this;
            while (!d.kept()) {
                d = d.zero != null ? d.zero : d.one;
                if (d == null) {
                    return null;
                }
            }
            return d;
        }
    }
}
