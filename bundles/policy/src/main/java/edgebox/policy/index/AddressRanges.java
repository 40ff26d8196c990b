package edgebox.policy.index;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One address family cut into the ranges where the longest prefix holding an address gives the same value, searched
 * by a branch-free binary search over primitive arrays that allocates nothing. Neighbouring ranges with equal values
 * are merged, so prefixes whose values agree cost nothing. Keys are stored with their sign bit flipped, so that
 * signed comparison orders them as unsigned addresses. IPv4 ranges live in one int[] ({@link #flat4}): a header, a
 * jump table over the 8 bits after the ranges' common prefix ({@link Buckets}), then each range's start beside its
 * value, so the value the search ends on shares a cache line with the last key it read. A bucket holding one range
 * gives its value straight away; one holding more halves only its own window. An IPv6 search halves all ranges (log2
 * of the range count, at most twice the prefixes plus one). (A 16-way search tree, one cache line per level,
 * measured slower than halving at 30 and at 230 ranges.) Immutable.
 */
final class AddressRanges {

    private static final int BUCKET_BITS = 8;
    /** The IPv4 header: the lowest address of bucket 1 (unsigned), the bits below a bucket, the last bucket. */
    private static final int BASE = 0;
    private static final int SHIFT = 1;
    private static final int LAST_BUCKET = 2;
    private static final int BUCKETS = 3;

    private final int[] table4;
    private final long[] highs6;
    private final long[] lows6;
    private final int[] values6;
    private final int size;

    private AddressRanges(int[] table4, long[] highs6, long[] lows6, int[] values6, int size) {
        this.table4 = table4;
        this.highs6 = highs6;
        this.lows6 = lows6;
        this.values6 = values6;
        this.size = size;
    }

    /**
     * The ranges of {@code prefixes} (sorted as {@link Prefix} sorts them, distinct, all IPv4 when {@code width} is
     * 32, all IPv6 when 128), the i-th holding {@code values[i]}; {@code outside} for addresses no prefix holds.
     */
    static AddressRanges of(List<Prefix> prefixes, int[] values, int width, int outside) {
        Cuts cuts = cuts(prefixes, values, width, outside);
        int n = cuts.starts.size();
        int[] v = cuts.values.stream().mapToInt(Integer::intValue).toArray();
        if (width == 32) {
            return new AddressRanges(cuts.flat4(new int[0]), null, null, null, n);
        }
        long[] highs = new long[n];
        long[] lows = new long[n];
        for (int i = 0; i < n; i++) {
            highs[i] = cuts.starts.get(i).shiftRight(64).longValue() ^ Long.MIN_VALUE;
            lows[i] = cuts.starts.get(i).longValue() ^ Long.MIN_VALUE;
        }
        return new AddressRanges(null, highs, lows, v, n);
    }

    /**
     * The IPv4 ranges of {@code prefixes} (as {@link #of} takes them) laid out for {@link #find4(int[], int)}, with
     * {@code after} appended: one array whose ranges' values are {@code values[i]} and {@code outside} plus
     * the length of the part before {@code after}, so they index into its copy.
     */
    static int[] flat4(List<Prefix> prefixes, int[] values, int outside, int[] after) {
        return cuts(prefixes, values, 32, outside).flat4(after);
    }

    /** How many ranges a {@link #flat4} array holds, {@code appended} being the length of what it appended. */
    static int size4(int[] flat, int appended) {
        return (flat.length - appended - BUCKETS - 2 * (flat[LAST_BUCKET] + 1)) / 2;
    }

    /** The value of the range holding the IPv4 address {@code address} (big-endian), in ranges built with width 32. */
    int find4(int address) {
        return find4(table4, address) - table4.length;
    }

    /**
     * The value of the range holding {@code address} in an array {@link #flat4} laid out: the bucket's pair gives
     * the value at once when the bucket lies in one range, else the window of (start, value) pairs to halve.
     */
    static int find4(int[] t, int address) {
        int bucket = Math.clamp(((address & 0xffff_ffffL) - (t[BASE] & 0xffff_ffffL) >> t[SHIFT]) + 1, 0,
                t[LAST_BUCKET]);
        int at = BUCKETS + 2 * bucket;
        int lo = t[at];
        int n = t[at + 1];
        if (n == 1) {
            return lo;
        }
        int key = address ^ Integer.MIN_VALUE;
        while (n > 1) {
            int half = n >>> 1;
            int probe = lo + 2 * half;
            lo = t[probe] <= key ? probe : lo;
            n -= half;
        }
        return t[lo + 1];
    }

    /** The value of the range holding the IPv6 address {@code high:low}, in ranges built with width 128. */
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
        return values6[lo];
    }

    /** How many ranges the family is cut into. */
    int size() {
        return size;
    }

    /** The sweep over the prefixes: where each range starts and the value it holds. */
    private static Cuts cuts(List<Prefix> prefixes, int[] values, int width, int outside) {
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
        return cuts;
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

        /** The header, a (window, count) pair per bucket, a (start, value) pair per range, then {@code after}. */
        int[] flat4(int[] after) {
            int n = starts.size();
            Buckets buckets = Buckets.of(starts);
            int[] first = buckets.first();
            int ranges = BUCKETS + 2 * (first.length - 1);
            int length = ranges + 2 * n;
            int[] t = new int[length + after.length];
            t[BASE] = (int) buckets.base();
            t[SHIFT] = buckets.shift();
            t[LAST_BUCKET] = first.length - 2;
            for (int b = 0; b < first.length - 1; b++) {
                boolean one = first[b] == first[b + 1];
                t[BUCKETS + 2 * b] = one ? values.get(first[b]) + length : ranges + 2 * first[b];
                t[BUCKETS + 2 * b + 1] = first[b + 1] - first[b] + 1;
            }
            for (int i = 0; i < n; i++) {
                t[ranges + 2 * i] = starts.get(i).intValue() ^ Integer.MIN_VALUE;
                t[ranges + 2 * i + 1] = values.get(i) + length;
            }
            System.arraycopy(after, 0, t, length, after.length);
            return t;
        }
    }
}
