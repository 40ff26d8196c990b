package edgebox.policy.index;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One address family cut into the ranges where the longest prefix holding an address gives the same value: the
 * range starts sorted in a primitive array, a lookup a branch-free binary search over them that allocates nothing.
 * Neighbouring ranges with equal values are merged, so prefixes whose values agree cost nothing. Keys are stored
 * with their sign bit flipped, so that signed comparison orders them as unsigned addresses. An IPv4 search first
 * picks its window from a jump table ({@link Buckets}: one read, then halving some ranges instead of all of them);
 * an IPv6 one halves all of them (log2 of the range count, at most twice the prefixes plus one). (A 16-way search
 * tree, one cache line per level, measured slower than halving at 30 and at 230 ranges.) Immutable.
 */
final class AddressRanges {

    private static final int BUCKET_BITS = 8;

    private final int[] starts4;
    private final int[] window4;
    private final long base4;
    private final int shift4;
    private final long lastBucket4;
    private final long[] highs6;
    private final long[] lows6;
    private final int[] values;

    private AddressRanges(int[] starts4, Buckets buckets, long[] highs6, long[] lows6, int[] values) {
        this.starts4 = starts4;
        this.window4 = buckets == null ? null : buckets.first;
        this.base4 = buckets == null ? 0 : buckets.base;
        this.shift4 = buckets == null ? 0 : buckets.shift;
        this.lastBucket4 = buckets == null ? 0 : buckets.first.length - 2;
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
        long bucket = Math.clamp(((address & 0xffff_ffffL) - base4 >> shift4) + 1, 0, lastBucket4);
        int lo = window4[(int) bucket];
        int n = window4[(int) bucket + 1] - lo + 1;
        int key = address ^ Integer.MIN_VALUE;
        int[] s = starts4;
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

    /**
     * Where to search an IPv4 address: the range starts past the first share their leading {@code c} bits (the
     * block the policies' addresses lie in); the 8 bits after those cut the block into up to 256 buckets, with one
     * more bucket below it and one above. {@code first[b]} is the range holding bucket b's lowest address, so an
     * address in bucket b lies in a range from {@code first[b]} to {@code first[b + 1]}: the search halves that
     * window only, which stays small wherever the client networks lie, rather than all ranges.
     */
    private record Buckets(int[] first, long base, int shift) {

        static Buckets of(List<BigInteger> starts) {
            long low = starts.size() > 1 ? starts.get(1).longValue() : 0;
            long high = starts.getLast().longValue();
            int common = Long.numberOfLeadingZeros(low ^ high) - 32;
            int spare = 32 - common;
            int shift = Math.max(0, spare - BUCKET_BITS);
            int buckets = 1 << (spare - shift);
            long base = spare == 32 ? 0 : low >>> spare << spare;
            int[] first = new int[buckets + 3];
            int holding = 0;
            for (int b = 1; b <= buckets + 1; b++) {
                long lowest = base + ((long) (b - 1) << shift);
                while (holding + 1 < starts.size() && starts.get(holding + 1).longValue() <= lowest) {
                    holding++;
                }
                first[b] = holding;
            }
            first[buckets + 2] = starts.size() - 1;
            return new Buckets(first, base, shift);
        }
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
                return new AddressRanges(keys, Buckets.of(starts), null, null, v);
            }
            long[] highs = new long[n];
            long[] lows = new long[n];
            for (int i = 0; i < n; i++) {
                highs[i] = starts.get(i).shiftRight(64).longValue() ^ Long.MIN_VALUE;
                lows[i] = starts.get(i).longValue() ^ Long.MIN_VALUE;
            }
            return new AddressRanges(null, null, highs, lows, v);
        }

    }
}
