package edgebox.dns.answer;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import edgebox.api.net.Cidr;

/**
 * Address blocks and literals from the DNS configuration (recursion networks, rewrite clients, addresses), checked
 * once; an IllegalArgumentException names the field, and the list index, with the reason.
 */
public final class Networks {

    private Networks() {
    }

    /** The blocks of a configured list, blank entries skipped. */
    public static List<Cidr> parse(String field, List<String> values) {
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).strip();
            if (v.isEmpty()) {
                continue;
            }
            try {
                out.add(Cidr.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** An IP address literal (never a host name: no lookup happens). */
    public static InetAddress address(String field, String text) {
        try {
            return Cidr.address(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** The blocks as a configuration writes them: {@code 127.0.0.0/8,::1/128}. */
    public static String text(List<Cidr> blocks) {
        StringBuilder b = new StringBuilder();
        for (Cidr c : blocks) {
            b.append(b.isEmpty() ? "" : ",").append(c);
        }
        return b.toString();
    }
}
