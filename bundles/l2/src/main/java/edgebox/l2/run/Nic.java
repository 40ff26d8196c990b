package edgebox.l2.run;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An Ethernet interface that is up: its MAC, its first IPv4 address and its IPv6 link-local address (or null). */
public record Nic(String name, byte[] mac, Inet4Address ipv4, Inet6Address linkLocal) {

    /** The interfaces of this network namespace that can carry announcements. */
    public static List<Nic> list() {
        List<Nic> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = ni.getHardwareAddress();
                if (!ni.isUp() || ni.isLoopback() || mac == null || mac.length != 6) {
                    continue;
                }
                Inet4Address v4 = null;
                Inet6Address ll = null;
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address x && v4 == null) {
                        v4 = x;
                    } else if (a instanceof Inet6Address x && x.isLinkLocalAddress() && ll == null) {
                        ll = x;
                    }
                }
                out.add(new Nic(ni.getName(), mac, v4, ll));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces: " + e.getMessage(), e);
        }
        return out;
    }

    /** Equal when name, MAC and addresses are (a record compares the MAC array by reference). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Nic n && name.equals(n.name) && java.util.Arrays.equals(mac, n.mac)
                && java.util.Objects.equals(ipv4, n.ipv4) && java.util.Objects.equals(linkLocal, n.linkLocal);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, java.util.Arrays.hashCode(mac), ipv4, linkLocal);
    }

    /** The address VRRP speaks from for this family, or null. */
    public InetAddress primary(boolean v4) {
        if (v4) {
            return ipv4;
        }
        if (linkLocal == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(linkLocal.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
