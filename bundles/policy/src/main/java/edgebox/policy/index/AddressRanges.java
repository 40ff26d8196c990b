package edgebox.policy.index;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One address family cut into the ranges where the longest prefix holding an address gives the same value, searched
 * by a branch-free binary search over primitive arrays that allocates nothing. Neighbouring ranges with equal values
 * are merged, so prefixes whose values agree cost nothing. Keys are stored with their sign bit flipped, so that
 * signed comparison orders them as unsigned addresses. IPv4 ranges are laid out in one int[] ({@link #flat4}), after
 * whatever the caller puts first: a header, a jump table over the bits after the ranges' common prefix (about two
 * buckets per range, at most 256: {@link Buckets}), then each range's start beside its value, so the value the search
 * ends on shares a cache line with the last key it read. A bucket that lies in one range holds its value; any other
 * holds its window (first range and count) in one int, and the search halves that window only. An IPv6 search
 * halves all ranges (log2 of the range count, at most twice the prefixes plus one). (A 16-way search tree, one cache
 * line per level, measured slower than halving at 30 and at 230 ranges.) Immutable.
 */
final class AddressRanges {

    /** Values and array indexes a bucket packs beside its 8-bit count: from -2^23 to 2^23 - 1. */
    static final int LIMIT = 1 << 23;

    private static final int BUCKET_BITS = 8;
    private static final int COUNT = 0xff;
    /** The IPv4 header: the lowest address of bucket 1 (unsigned), the bits below a bucket, the last bucket. */
    private static final int BASE = 0;
    private static final int SHIFT = 1;
    private static final int LAST_BUCKET = 2;
    /** Where the (start, value) pairs end, for a window of more than 254 ranges: it runs to the end. */
    private static final int END = 3;
    private static final int BUCKETS = 4;

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
     * IPv4 values must lie within {@link #LIMIT}; IllegalArgumentException when one does not.
     */
    static AddressRanges of(List<Prefix> prefixes, int[] values, int width, int outside) {
        Cuts cuts = cuts(prefixes, values, width, outside);
        int n = cuts.starts.size();
        if (width == 32) {
            int[] table = cuts.flat4(new int[0]);
            if (table == null) {
                throw new IllegalArgumentException("IPv4 values must lie from -2^23 to 2^23 - 1");
            }
            return new AddressRanges(table, null, null, null, n);
        }
        long[] highs = new long[n];
        long[] lows = new long[n];
        for (int i = 0; i < n; i++) {
            highs[i] = cuts.starts.get(i).shiftRight(64).longValue() ^ Long.MIN_VALUE;
            lows[i] = cuts.starts.get(i).longValue() ^ Long.MIN_VALUE;
        }
        return new AddressRanges(null, highs, lows, cuts.values.stream().mapToInt(Integer::intValue).toArray(), n);
    }

    /**
     * {@code before}, then the IPv4 ranges of {@code prefixes} (as {@link #of} takes them) laid out for
     * {@link #find4(int[], int, int)} from {@code before.length}; null when a value or the array's length passes
     * {@link #LIMIT}.
     */
    static int[] flat4(List<Prefix> prefixes, int[] values, int outside, int[] before) {
        return cuts(prefixes, values, 32, outside).flat4(before);
    }

    /** How many ranges a {@link #flat4} array laid out from {@code at} holds. */
    static int size4(int[] t, int at) {
        return (t[at + END] - at - BUCKETS - t[at + LAST_BUCKET] - 1) / 2;
    }

    /** The value of the range holding the IPv4 address {@code address} (big-endian), in ranges built with width 32. */
    int find4(int address) {
        return find4(table4, 0, address);
    }

    /**
     * The value of the range holding {@code address} in an array {@link #flat4} laid out from {@code at}: its bucket
     * gives the value, or the window of (start, value) pairs to halve.
     */
    static int find4(int[] t, int at, int address) {
        int bucket = Math.clamp(((address & 0xffff_ffffL) - (t[at + BASE] & 0xffff_ffffL) >> t[at + SHIFT]) + 1, 0,
                t[at + LAST_BUCKET]);
        int window = t[at + BUCKETS + bucket];
        int lo = window >> 8;
        int n = window & COUNT;
        if (n == 1) {
            return lo;
        }
        if (n == COUNT) {
            n = (t[at + END] - lo) >> 1;
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
     * block the policies' addresses lie in); the next {@code bits} bits cut the block into buckets, with one more
     * bucket below it and one above. {@code first[b]} is the range holding bucket b's lowest address, so an address
     * in bucket b lies in a range from {@code first[b]} to {@code first[b + 1]}: the search halves that window only,
     * which stays small wherever the client networks lie, rather than all ranges.
     */
    private record Buckets(int[] first, long base, int shift) {

        static Buckets of(List<BigInteger> starts) {
            int bits = Math.min(BUCKET_BITS, 32 - Integer.numberOfLeadingZeros(starts.size()));
            long low = starts.size() > 1 ? starts.get(1).longValue() : 0;
            long high = starts.getLast().longValue();
            int common = Long.numberOfLeadingZeros(low ^ high) - 32;
            int spare = 32 - common;
            int shift = Math.max(0, spare - bits);
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

        /**
         * {@code before}, the header, a bucket's value (count 1) or window (first pair's index, count up to 254, 255
         * for to the end) in an int each, a (start, value) pair per range.
         */
        int[] flat4(int[] before) {
            int n = starts.size();
            Buckets buckets = Buckets.of(starts);
            int[] first = buckets.first();
            int at = before.length;
            int pairs = at + BUCKETS + first.length - 1;
            long length = pairs + 2L * n;
            if (length >= LIMIT || values.stream().anyMatch(v -> v < -LIMIT || v >= LIMIT)) {
                return null;
            }
            int[] t = Arrays.copyOf(before, (int) length);
            t[at + BASE] = (int) buckets.base();
            t[at + SHIFT] = buckets.shift();
            t[at + LAST_BUCKET] = first.length - 2;
            t[at + END] = (int) length;
            for (int b = 0; b < first.length - 1; b++) {
                int count = first[b + 1] - first[b] + 1;
                t[at + BUCKETS + b] = count == 1 ? values.get(first[b]) << 8 | 1
                        : (pairs + 2 * first[b]) << 8 | Math.min(count, COUNT);
            }
            for (int i = 0; i < n; i++) {
                t[pairs + 2 * i] = starts.get(i).intValue() ^ Integer.MIN_VALUE;
                t[pairs + 2 * i + 1] = values.get(i);
            }
            return t;
        }
    }
}
