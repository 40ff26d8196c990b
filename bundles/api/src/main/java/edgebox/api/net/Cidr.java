package edgebox.api.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.netty.util.NetUtil;

/**
 * An address block ({@code 172.16.1.0/24}, {@code fd00::/64}; a lone address is a /32 or /128). The base is
 * masked to the prefix, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}. Addresses are literals only: a name is
 * refused, never looked up.
 */
public final class Cidr {

    private final InetAddress base;
    private final int prefix;
    private final byte[] network;

    public Cidr(InetAddress base, int prefix) {
        int width = base.getAddress().length * 8;
        if (prefix < 0 || prefix > width) {
            throw new IllegalArgumentException("\"" + text(base) + "/" + prefix + "\": the prefix length must be 0 to "
                    + width);
        }
        this.base = mask(base, prefix);
        this.prefix = prefix;
        this.network = this.base.getAddress();
    }

    public InetAddress base() {
        return base;
    }

    public int prefix() {
        return prefix;
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8} or a lone address; IllegalArgumentException saying what is wrong. */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        InetAddress base = address(slash < 0 ? t : t.substring(0, slash));
        int width = base.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(base, width);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > width) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix length must be 0 to " + width);
        }
        return new Cidr(base, prefix);
    }

    /** An IP address literal; IllegalArgumentException for anything else, a host name included (no lookup). */
    public static InetAddress address(String text) {
        String t = text.strip();
        byte[] raw = t.indexOf(':') >= 0 ? NetUtil.createByteArrayFromIpAddressString(t)
                : NetUtil.isValidIpV4Address(t) ? NetUtil.createByteArrayFromIpAddressString(t) : null;
        if (raw == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address", e);
        }
    }

    /** An address as people write it: IPv6 compressed by RFC 5952 ({@code fd99::100}). */
    public static String text(InetAddress address) {
        return NetUtil.toAddressString(address);
    }

    /** Whether any block of {@code blocks} holds {@code address}. */
    public static boolean anyContains(List<Cidr> blocks, InetAddress address) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code address}: an IPv4 address as Inet4Address.hashCode gives it, its four bytes, without a copy. */
    private boolean containsV4(byte[] a, int address) {
        int net = (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return ((net ^ address) & mask) == 0;
    }

    public boolean ipv4() {
        return base instanceof Inet4Address;
    }

    public boolean contains(InetAddress address) {
        byte[] a = network;
        if (address instanceof Inet4Address v4) {
            return a.length == 4 && containsV4(a, v4.hashCode());
        }
        byte[] b = address.getAddress();
        if (a.length != b.length) {
            return false;
        }
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
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (b[full] & m);
    }

    /** The first address of the block (its base). */
    public InetAddress first() {
        return base;
    }

    /** The last address of the block. */
    public InetAddress last() {
        byte[] b = base.getAddress();
        BigInteger hostMask = BigInteger.ONE.shiftLeft(b.length * 8 - prefix).subtract(BigInteger.ONE);
        return fromNumber(new BigInteger(1, b).or(hostMask), b.length);
    }

    /** The address {@code n} as an unsigned number of {@code bytes} bytes (4 or 16). */
    public static InetAddress fromNumber(BigInteger n, int bytes) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] out = address.getAddress();
        boolean changed = false;
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            byte masked = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
            changed |= masked != out[i];
            out[i] = masked;
        }
        if (!changed) {
            return address;
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && c.base.equals(base);
    }

    @Override
    public int hashCode() {
        return base.hashCode() * 31 + prefix;
    }

    @Override
    public String toString() {
        return text(base) + "/" + prefix;
    }
}
