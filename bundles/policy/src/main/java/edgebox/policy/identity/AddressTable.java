package edgebox.policy.identity;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;

/**
 * An immutable map from an address, in the form the verdict path holds it (an int for IPv4, two longs for IPv6),
 * to its identity: open addressing with linear probing, at most half full, so a lookup allocates nothing and
 * probes a few slots.
 */
final class AddressTable {

    private final int[] v4Keys;
    private final Identity[] v4Values;
    private final long[] v6High;
    private final long[] v6Low;
    private final Identity[] v6Values;

    AddressTable(Map<InetAddress, Identity> entries) {
        int v4 = 0;
        for (InetAddress a : entries.keySet()) {
            v4 += a instanceof Inet4Address ? 1 : 0;
        }
        v4Keys = new int[capacity(v4)];
        v4Values = new Identity[v4Keys.length];
        v6High = new long[capacity(entries.size() - v4)];
        v6Low = new long[v6High.length];
        v6Values = new Identity[v6High.length];
        entries.forEach((address, identity) -> {
            byte[] b = address.getAddress();
            if (b.length == 4) {
                put(ipv4(b), identity);
            } else {
                put(high(b), low(b), identity);
            }
        });
    }

    /** The identity of an IPv4 address (big-endian), null when the table does not hold it. */
    Identity get(int address) {
        int mask = v4Keys.length - 1;
        for (int i = spread(address) & mask; v4Values[i] != null; i = (i + 1) & mask) {
            if (v4Keys[i] == address) {
                return v4Values[i];
            }
        }
        return null;
    }

    /** The identity of an IPv6 address (its first and last eight bytes, big-endian), null when not held. */
    Identity get(long high, long low) {
        int mask = v6High.length - 1;
        for (int i = spread(high, low) & mask; v6Values[i] != null; i = (i + 1) & mask) {
            if (v6High[i] == high && v6Low[i] == low) {
                return v6Values[i];
            }
        }
        return null;
    }

    static int ipv4(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    static long high(byte[] b) {
        return word(b, 0);
    }

    static long low(byte[] b) {
        return word(b, 8);
    }

    private static long word(byte[] b, int from) {
        long w = 0;
        for (int i = from; i < from + 8; i++) {
            w = w << 8 | b[i] & 0xff;
        }
        return w;
    }

    private void put(int address, Identity identity) {
        int mask = v4Keys.length - 1;
        int i = spread(address) & mask;
        while (v4Values[i] != null && v4Keys[i] != address) {
            i = (i + 1) & mask;
        }
        v4Keys[i] = address;
        v4Values[i] = identity;
    }

    private void put(long high, long low, Identity identity) {
        int mask = v6High.length - 1;
        int i = spread(high, low) & mask;
        while (v6Values[i] != null && !(v6High[i] == high && v6Low[i] == low)) {
            i = (i + 1) & mask;
        }
        v6High[i] = high;
        v6Low[i] = low;
        v6Values[i] = identity;
    }

    /** A power of two at least twice {@code entries}, at least 2, so a probe always meets an empty slot. */
    private static int capacity(int entries) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, entries) * 2 - 1) << 1);
    }

    private static int spread(int key) {
        int h = key * 0x9E3779B9;
        return h ^ h >>> 16;
    }

    private static int spread(long high, long low) {
        long h = (high * 0x9E3779B97F4A7C15L) ^ low;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 32);
    }
}
