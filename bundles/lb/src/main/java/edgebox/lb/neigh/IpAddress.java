package edgebox.lb.neigh;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * IP addresses as two longs (high and low 64 bits, network order), the form the data path carries them in; an IPv4
 * address is stored IPv4-mapped (::ffff:a.b.c.d), as the connection table stores it.
 */
public final class IpAddress {

    public static final long IPV4_MAPPED = 0x0000FFFF00000000L;

    private IpAddress() {
    }

    public static long high(InetAddress address) {
        return address instanceof Inet4Address ? 0 : ByteBuffer.wrap(address.getAddress()).getLong(0);
    }

    public static long low(InetAddress address) {
        return address instanceof Inet4Address
                ? v4Low(ByteBuffer.wrap(address.getAddress()).getInt(0))
                : ByteBuffer.wrap(address.getAddress()).getLong(8);
    }

    public static long v4Low(int address) {
        return IPV4_MAPPED | (address & 0xFFFFFFFFL);
    }

    public static boolean isV4(long high, long low) {
        return high == 0 && (low & 0xFFFFFFFF00000000L) == IPV4_MAPPED;
    }

    public static InetAddress of(long high, long low) {
        try {
            return isV4(high, low)
                    ? InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) low).array())
                    : InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /** {@code 02:00:00:00:00:b1}. */
    public static String mac(long mac) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            text.append(Character.forDigit((int) (mac >>> shift + 4) & 0xf, 16))
                    .append(Character.forDigit((int) (mac >>> shift) & 0xf, 16));
            if (shift > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }
}
