package edgebox.dns.block;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import edgebox.api.net.Cidr;

/**
 * The answer an AdGuard {@code $dnsrewrite} rule gives: an rcode alone ({@code REFUSED}, {@code NXDOMAIN},
 * {@code SERVFAIL}, {@code NOERROR;;}), or NOERROR with one A, AAAA or CNAME record. Short forms: an address
 * ({@code 1.2.3.4}, {@code ::1}), a host name (CNAME) or an rcode keyword; long form {@code NOERROR;A;1.2.3.4}.
 */
public record DnsRewrite(int rcode, int type, InetAddress address, Name target) {

    /** Parses the modifier's value; IllegalArgumentException gives the reason. */
    static DnsRewrite parse(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("$dnsrewrite needs a value");
        }
        if (v.indexOf(';') >= 0) {
            String[] p = v.split(";", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("$dnsrewrite=" + v + ": the long form is RCODE;TYPE;VALUE");
            }
            int rcode = rcode(p[0]);
            if (rcode != Rcode.NOERROR || (p[1].isEmpty() && p[2].isEmpty())) {
                if (!p[1].isEmpty() || !p[2].isEmpty()) {
                    throw new IllegalArgumentException("$dnsrewrite=" + v + ": only NOERROR carries a record");
                }
                return new DnsRewrite(rcode, 0, null, null);
            }
            return switch (p[1].toUpperCase(Locale.ROOT)) {
                case "A", "AAAA" -> address(p[1].toUpperCase(Locale.ROOT), p[2]);
                case "CNAME" -> new DnsRewrite(Rcode.NOERROR, Type.CNAME, null, name(p[2]));
                default -> throw new IllegalArgumentException("$dnsrewrite=" + v + ": record type " + p[1]
                        + " is not supported (A, AAAA, CNAME)");
            };
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.equals("NXDOMAIN") || upper.equals("REFUSED") || upper.equals("SERVFAIL")
                || upper.equals("NOERROR")) {
            return new DnsRewrite(rcode(upper), 0, null, null);
        }
        if (v.indexOf(':') >= 0 || v.matches("[0-9.]+")) {
            return address(null, v);
        }
        return new DnsRewrite(Rcode.NOERROR, Type.CNAME, null, name(v));
    }

    private static int rcode(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "NOERROR" -> Rcode.NOERROR;
            case "NXDOMAIN" -> Rcode.NXDOMAIN;
            case "REFUSED" -> Rcode.REFUSED;
            case "SERVFAIL" -> Rcode.SERVFAIL;
            default -> throw new IllegalArgumentException("$dnsrewrite: rcode " + text
                    + " is not supported (NOERROR, NXDOMAIN, REFUSED, SERVFAIL)");
        };
    }

    private static DnsRewrite address(String type, String text) {
        InetAddress a;
        try {
            a = Cidr.address(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$dnsrewrite: '" + text + "' is not an IP address");
        }
        int t = a instanceof Inet4Address ? Type.A : Type.AAAA;
        if (type != null && Type.value(type) != t) {
            throw new IllegalArgumentException("$dnsrewrite: " + text + " is not an " + type + " address");
        }
        return new DnsRewrite(Rcode.NOERROR, t, a, null);
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.strip().toLowerCase(Locale.ROOT), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("$dnsrewrite: '" + text + "' is not a host name");
        }
    }

    /** Whether this rewrite answers with an rcode and no records. */
    boolean rcodeOnly() {
        return type == 0;
    }
}
