package edgebox.l2.addr;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal IP addresses only: a name is refused rather than looked up. */
public final class Addresses {

    private Addresses() {
    }

    public static InetAddress parse(String text) {
        String t = text.strip();
        boolean literal = !t.isEmpty() && (t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.'
                || Character.isDigit(c)));
        if (!literal) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
    }

    /** An address as people write it: IPv6 compressed by RFC 5952 ({@code fd99::100}). */
    public static String text(InetAddress address) {
        return io.netty.util.NetUtil.toAddressString(address);
    }

    /** Orders addresses as unsigned numbers of the same width (VRRP's tie break on equal priority). */
    public static int compare(InetAddress a, InetAddress b) {
        return java.util.Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
