package edgebox.policy.index;

import edgebox.api.net.Cidr;

/**
 * An address prefix as a 128-bit key: IPv6 as {@code high:low}, IPv4 left-aligned in {@code high} (bits 63..32),
 * so both families share one trie layout (never one trie: each family has its own). Bit 0 is the most
 * significant. The bits past {@code length} are zero.
 */
record Prefix(long high, long low, int length) implements Comparable<Prefix> {

    static Prefix of(Cidr cidr) {
        byte[] b = cidr.base().getAddress();
        long high = 0;
        long low = 0;
        for (int i = 0; i < b.length; i++) {
            if (i < 8) {
                high |= (b[i] & 0xffL) << (56 - 8 * i);
            } else {
                low |= (b[i] & 0xffL) << (120 - 8 * i);
            }
        }
        return new Prefix(high, low, cidr.prefix());
    }

    /** The key of an IPv4 address. */
    static long high4(int address) {
        return (address & 0xffff_ffffL) << 32;
    }

    /** The first {@code n} bits set, {@code n} in 0..64. */
    static long mask(int n) {
        return n == 0 ? 0 : -1L << (64 - n);
    }

    /** Whether the first {@code length} bits of {@code high:low} are those of {@code keyHigh:keyLow}. */
    static boolean matches(long keyHigh, long keyLow, int length, long high, long low) {
        if (length <= 64) {
            return ((high ^ keyHigh) & mask(length)) == 0;
        }
        return high == keyHigh && ((low ^ keyLow) & mask(length - 64)) == 0;
    }

    /** Bit {@code i} (0 = the most significant) of {@code high:low}. */
    static int bit(long high, long low, int i) {
        return (int) (i < 64 ? high >>> (63 - i) : low >>> (127 - i)) & 1;
    }

    boolean contains(Prefix other) {
        return other.length >= length && matches(high, low, length, other.high, other.low);
    }

    /** Address order, then shorter first: a prefix sorts before every prefix it contains. */
    @Override
    public int compareTo(Prefix o) {
        int c = Long.compareUnsigned(high, o.high);
        if (c == 0) {
            c = Long.compareUnsigned(low, o.low);
        }
        return c != 0 ? c : Integer.compare(length, o.length);
    }
}
