package edgebox.proxy.route;

import java.net.InetAddress;

/**
 * An IP address as two big-endian numbers, its first and last eight bytes in IPv6 form (an IPv4 address as
 * {@code ::ffff:a.b.c.d}), read once so that the data path can ask the policy decision point without allocating.
 */
public record AddressNumber(long high, long low) {

    /** Null for a null address (a socket address that was never resolved). */
    public static AddressNumber of(InetAddress address) {
        if (address == null) {
            return null;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return new AddressNumber(0, 0xffff_0000_0000L | Integer.toUnsignedLong(bits(b, 0, 4)));
        }
        return new AddressNumber(bits64(b, 0), bits64(b, 8));
    }

    public boolean ipv4() {
        return high == 0 && low >>> 32 == 0xffffL;
    }

    /** The IPv4 address, big-endian; meaningful when {@link #ipv4()}. */
    public int ipv4Bits() {
        return (int) low;
    }

    private static int bits(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v << 8 | b[i] & 0xff;
        }
        return v;
    }

    private static long bits64(byte[] b, int from) {
        return (long) bits(b, from, from + 4) << 32 | Integer.toUnsignedLong(bits(b, from + 4, from + 8));
    }
}
