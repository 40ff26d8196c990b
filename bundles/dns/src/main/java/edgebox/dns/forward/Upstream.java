package edgebox.dns.forward;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One upstream resolver: an IP address and port, plain DNS (UDP, TCP on truncation) or DNS over TLS, and for TLS the
 * name its certificate must carry (sent as SNI and verified). Written {@code 127.0.0.1:53}, {@code [::1]:53},
 * {@code 10.0.0.1} (port 53) or {@code tls://1.1.1.1:853#cloudflare-dns.com} (port 853 by default; without
 * {@code #name} the certificate must carry the IP address).
 */
public record Upstream(InetSocketAddress address, boolean tls, String tlsName) {

    private static final String TLS = "tls://";
    private static final String UDP = "udp://";

    /** Parses {@code text}; the message of a refusal starts with {@code field}. */
    public static Upstream parse(String field, String text) {
        String s = text.strip();
        boolean tls = s.startsWith(TLS);
        if (tls) {
            s = s.substring(TLS.length());
        } else if (s.startsWith(UDP)) {
            s = s.substring(UDP.length());
        }
        String name = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            if (!tls) {
                throw new IllegalArgumentException(field + ": '" + text + "': a #name is only for tls:// upstreams");
            }
            name = s.substring(hash + 1);
            s = s.substring(0, hash);
            if (!hostName(name)) {
                throw new IllegalArgumentException(field + ": '" + text + "': '" + name + "' is not a host name");
            }
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(field + ": '" + text + "': missing ']' after an IPv6 address");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException(field + ": '" + text + "': expected ':port' after ']'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = s.lastIndexOf(':');
            boolean onlyOneColon = colon >= 0 && s.indexOf(':') == colon;
            host = onlyOneColon ? s.substring(0, colon) : s;
            port = onlyOneColon ? s.substring(colon + 1) : null;
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "': '" + host + "' is not an IP address");
        }
        int number = tls ? 853 : 53;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException(field + ": '" + text + "': port must be 1..65535");
            }
        }
        return new Upstream(new InetSocketAddress(address, number), tls, name);
    }

    private static boolean hostName(String name) {
        String[] labels = name.endsWith(".") ? name.substring(0, name.length() - 1).split("\\.", -1)
                : name.split("\\.", -1);
        for (String label : labels) {
            if (!label.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
                return false;
            }
        }
        return name.length() <= 253;
    }

    /** The name the TLS certificate is checked against: the #name, else the address. */
    public String verifiedName() {
        return tlsName != null ? tlsName : address.getAddress().getHostAddress();
    }

    @Override
    public String toString() {
        String ip = address.getAddress().getHostAddress();
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return (tls ? TLS : "") + host + ":" + address.getPort() + (tlsName != null ? "#" + tlsName : "");
    }
}
