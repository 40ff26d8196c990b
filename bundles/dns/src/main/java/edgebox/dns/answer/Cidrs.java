package edgebox.dns.answer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of IP networks ({@code 10.0.0.0/8}, {@code fd00::/8}, or a single address), parsed once, matched without
 * allocation. An empty set matches nothing; see {@link #ANY} for everything.
 */
public final class Cidrs {

    public static final Cidrs NONE = new Cidrs(List.of(), List.of());
    public static final Cidrs ANY = parse("cidrs", List.of("0.0.0.0/0", "::/0"));

    private final byte[][] networks;
    private final int[] prefixes;
    private final List<String> text;

    private Cidrs(List<byte[]> networks, List<Integer> prefixes) {
        this.networks = networks.toArray(byte[][]::new);
        this.prefixes = prefixes.stream().mapToInt(Integer::intValue).toArray();
        List<String> t = new ArrayList<>();
        for (int i = 0; i < this.networks.length; i++) {
            t.add(format(this.networks[i], this.prefixes[i]));
        }
        this.text = List.copyOf(t);
    }

    /**
     * Parses CIDRs; {@code field} names the configuration field in the message of the IllegalArgumentException
     * thrown for a bad one.
     */
    public static Cidrs parse(String field, List<String> values) {
        List<byte[]> nets = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).trim();
            if (v.isEmpty()) {
                continue;
            }
            int slash = v.indexOf('/');
            byte[] addr = literal(field + "[" + i + "]", slash < 0 ? v : v.substring(0, slash));
            int prefix = addr.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(v.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > addr.length * 8) {
                    throw new IllegalArgumentException(field + "[" + i + "]: \"" + v + "\": prefix length must be 0 to "
                            + addr.length * 8);
                }
            }
            nets.add(mask(addr, prefix));
            prefixes.add(prefix);
        }
        return new Cidrs(nets, prefixes);
    }

    /** An address literal (never a host name: no lookup happens) as bytes. */
    static byte[] literal(String field, String text) {
        boolean v6 = text.indexOf(':') >= 0;
        boolean v4 = !v6 && text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        if (!v4 && !(v6 && text.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not an IP address", e);
        }
    }

    /** An IP address literal; IllegalArgumentException naming {@code field} for anything else (no lookup). */
    public static InetAddress address(String field, String text) {
        try {
            return InetAddress.getByAddress(literal(field, text.trim()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not an IP address", e);
        }
    }

    /** This set together with {@code other}. */
    public Cidrs plus(Cidrs other) {
        List<byte[]> nets = new ArrayList<>(List.of(networks));
        List<Integer> ps = new ArrayList<>();
        for (int p : prefixes) {
            ps.add(p);
        }
        nets.addAll(List.of(other.networks));
        for (int p : other.prefixes) {
            ps.add(p);
        }
        return new Cidrs(nets, ps);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].length == a.length && matches(networks[i], prefixes[i], a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.length == 0;
    }

    private static boolean matches(byte[] net, int prefix, byte[] a) {
        int full = prefix / 8;
        for (int b = 0; b < full; b++) {
            if (net[b] != a[b]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (net[full] & m) == (a[full] & m);
    }

    static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int b = 0; b < out.length; b++) {
            int keep = Math.max(0, Math.min(8, prefix - b * 8));
            out[b] = (byte) (out[b] & ((0xff << (8 - keep)) & 0xff));
        }
        return out;
    }

    private static String format(byte[] net, int prefix) {
        try {
            return InetAddress.getByAddress(net).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.join(",", text);
    }
}
