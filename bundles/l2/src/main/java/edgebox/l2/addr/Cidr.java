package edgebox.l2.addr;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address block {@code 172.16.1.0/24} or {@code fd00::/64}. */
public record Cidr(InetAddress base, int prefix) {

    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        InetAddress base = Addresses.parse(slash < 0 ? text : text.substring(0, slash));
        int width = base instanceof Inet4Address ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? width : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix length is not a number");
        }
        if (prefix < 0 || prefix > width) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix length must be 0-" + width);
        }
        return new Cidr(base, prefix);
    }

    public boolean ipv4() {
        return base instanceof Inet4Address;
    }

    public boolean contains(InetAddress address) {
        if (ipv4() != address instanceof Inet4Address) {
            return false;
        }
        byte[] a = base.getAddress();
        byte[] b = address.getAddress();
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    @Override
    public String toString() {
        return Addresses.text(base) + "/" + prefix;
    }
}
