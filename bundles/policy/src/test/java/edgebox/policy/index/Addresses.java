package edgebox.policy.index;

import java.net.InetAddress;
import java.nio.ByteBuffer;

import edgebox.api.net.Cidr;

/** Address literals as the verdict path takes them: an int for IPv4, two longs for IPv6. */
final class Addresses {

    private Addresses() {
    }

    static int v4(String literal) {
        return ByteBuffer.wrap(Cidr.address(literal).getAddress()).getInt();
    }

    static long high(String literal) {
        return ByteBuffer.wrap(Cidr.address(literal).getAddress()).getLong(0);
    }

    static long low(String literal) {
        return ByteBuffer.wrap(Cidr.address(literal).getAddress()).getLong(8);
    }

    static InetAddress v4(int address) {
        return Cidr.fromNumber(java.math.BigInteger.valueOf(address & 0xffff_ffffL), 4);
    }

    static InetAddress v6(long high, long low) {
        byte[] raw = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
        try {
            return InetAddress.getByAddress(raw);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
