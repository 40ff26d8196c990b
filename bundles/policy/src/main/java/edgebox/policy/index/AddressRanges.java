package edgebox.policy.index;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One address family cut into the ranges where the longest prefix holding an address gives the same value: the
 * range starts sorted in a primitive array, a lookup a branch-free binary search over them (log2 of the range count,
 * at most twice the prefixes plus one) that allocates nothing. Neighbouring ranges with equal values are merged, so
 * prefixes whose values agree cost nothing. Keys are stored with their sign bit flipped, so that signed comparison
 * orders them as unsigned addresses. (A 16-way search tree, one cache line per level, measured slower than halving
 * at 30 and at 230 ranges.) Immutable.
 */
final class AddressRanges {

    private final int[] starts4;
    private final long[] highs6;
    private final long[] lows6;
    private final int[] values;

    private AddressRanges(int[] starts4, long[] highs6, long[] lows6, int[] values) {
        this.starts4 = starts4;
        this.highs6 = highs6;
        this.lows6 = lows6;
        this.values = values;
    }

    /**
     * The ranges of {@code prefixes} (sorted as {@link Prefix} sorts them, distinct, all IPv4 when {@code width} is
     * 32, all IPv6 when 128), the i-th holding {@code values[i]}; {@code outside} for addresses no prefix holds.
     */
    static AddressRanges of(List<Prefix> prefixes, int[] values, int width, int outside) {
        Cuts cuts = new Cuts(outside);
        BigInteger last = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        ArrayDeque<BigInteger> ends = new ArrayDeque<>();
        ArrayDeque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < prefixes.size(); i++) {
            Prefix p = prefixes.get(i);
            BigInteger start = start(p, width);
            while (!ends.isEmpty() && ends.peek().compareTo(start) < 0) {
                close(ends, open, cuts, outside);
            }
            ends.push(start.add(BigInteger.ONE.shiftLeft(width - p.length())).subtract(BigInteger.ONE));
            open.push(values[i]);
            cuts.at(start, values[i]);
        }
        while (!ends.isEmpty() && ends.peek().compareTo(last) < 0) {
            close(ends, open, cuts, outside);
        }
        return cuts.ranges(width);
    }

    /** The value of the range holding the IPv4 address {@code address} (big-endian). */
    int find4(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int[] s = starts4;
        int lo = 0;
        int n = s.length;
        while (n > 1) {
            int half = n >>> 1;
            lo = s[lo + half] <= key ? lo + half : lo;
            n -= half;
        }
        return values[lo];
    }

    /** The value of the range holding the IPv6 address {@code high:low}. */
    int find6(long high, long low) {
        long h = high ^ Long.MIN_VALUE;
        long l = low ^ Long.MIN_VALUE;
        long[] hs = highs6;
        long[] ls = lows6;
        int lo = 0;
        int n = hs.length;
        while (n > 1) {
            int half = n >>> 1;
            int m = lo + half;
            lo = hs[m] < h || hs[m] == h && ls[m] <= l ? m : lo;
            n -= half;
        }
        return values[lo];
    }

    /** How many ranges the family is cut into. */
    int size() {
        return values.length;
    }

    /** Leaves the innermost open prefix: past its end, the prefix around it (or none) holds the addresses. */
    private static void close(ArrayDeque<BigInteger> ends, ArrayDeque<Integer> open, Cuts cuts, int outside) {
        BigInteger end = ends.pop();
        open.pop();
        cuts.at(end.add(BigInteger.ONE), open.isEmpty() ? outside : open.peek());
    }

    private static BigInteger start(Prefix p, int width) {
        byte[] key = ByteBuffer.allocate(16).putLong(p.high()).putLong(p.low()).array();
        return new BigInteger(1, key).shiftRight(128 - width);
    }

    /** Range starts in ascending order as the sweep finds them; a later value at the same start replaces one. */
    private static final class Cuts {
        final List<BigInteger> starts = new ArrayList<>();
        final List<Integer> values = new ArrayList<>();

        Cuts(int outside) {
            at(BigInteger.ZERO, outside);
        }

        void at(BigInteger start, int value) {
            if (!starts.isEmpty() && starts.getLast().equals(start)) {
                starts.removeLast();
                values.removeLast();
            }
            if (values.isEmpty() || values.getLast() != value) {
                starts.add(start);
                values.add(value);
            }
        }

        AddressRanges ranges(int width) {
            int n = starts.size();
            int[] v = values.stream().mapToInt(Integer::intValue).toArray();
            if (width == 32) {
                int[] keys = new int[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = starts.get(i).intValue() ^ Integer.MIN_VALUE;
                }
                return new AddressRanges(keys, null, null, v);
            }
            long[] highs = new long[n];
            long[] lows = new long[n];
            for (int i = 0; i < n; i++) {
                highs[i] = starts.get(i).shiftRight(64).longValue() ^ Long.MIN_VALUE;
                lows[i] = starts.get(i).longValue() ^ Long.MIN_VALUE;
            }
            return new AddressRanges(null, highs, lows, v);
        }

    }
}
