package edgebox.lb.neigh;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** One address of the box on a port's interface, with the prefix length of its connected subnet. */
public record PortAddress(InetAddress address, int prefixLength) {

    public PortAddress {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("port address " + address.getHostAddress()
                    + ": prefixLength: must be 0.." + bits + ", was " + prefixLength);
        }
    }

    /** {@code other} lies on this address's connected subnet (same family, same prefix). */
    public boolean onSubnet(InetAddress other) {
        byte[] a = address.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : 0xff << (8 - bits) & 0xff;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    public boolean v4() {
        return address instanceof Inet4Address;
    }

    public boolean linkLocal() {
        return address instanceof Inet6Address && address.isLinkLocalAddress();
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
