package edgebox.dns.rewrite;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import edgebox.api.net.Cidr;
import edgebox.dns.answer.Networks;

/**
 * One rewrite in AdGuard Home's syntax: {@code domain} is exact ({@code host.example}) or a wildcard
 * ({@code *.example}, every name below it, not the name itself); {@code answer} is an IPv4 or IPv6 address, a host
 * name (answered as a CNAME and chased), or the keyword {@code A} or {@code AAAA} (that type is not rewritten: it
 * goes on down the chain, AdGuard's exception). {@code clients} scopes the rule to client networks (empty: all).
 */
public record RewriteRule(String object, Name domain, boolean wildcard, Kind kind, InetAddress address, Name target,
        boolean enabled, List<Cidr> clients, String text) {

    public enum Kind { ADDRESS, CNAME, KEEP_A, KEEP_AAAA }

    /** Parses a rule; IllegalArgumentException names the object, the field and the reason. */
    public static RewriteRule parse(String object, String domain, String answer, boolean enabled,
            List<String> clients) {
        String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        boolean wild = d.startsWith("*.");
        Name name = name(object, "domain", wild ? d.substring(2) : d);
        String a = answer == null ? "" : answer.trim();
        Kind kind;
        InetAddress address = null;
        Name target = null;
        if (a.isEmpty()) {
            throw new IllegalArgumentException(object + ": answer: empty; an IP address, a host name, A or AAAA");
        } else if (a.equals("A")) {
            kind = Kind.KEEP_A;
        } else if (a.equals("AAAA")) {
            kind = Kind.KEEP_AAAA;
        } else if (a.matches("[0-9.]+") || a.indexOf(':') >= 0) {
            kind = Kind.ADDRESS;
            address = Networks.address(object + ": answer", a);
        } else {
            kind = Kind.CNAME;
            target = name(object, "answer", a.toLowerCase(Locale.ROOT));
        }
        List<Cidr> scope = Networks.parse(object + ": clients", clients == null ? List.of() : clients);
        return new RewriteRule(object, name, wild, kind, address, target, enabled, scope, d + " -> " + a);
    }

    private static Name name(String object, String field, String text) {
        if (text.isEmpty() || text.contains("*")) {
            throw new IllegalArgumentException(object + ": " + field + ": \"" + text
                    + "\" is not a host name (a wildcard is only *. at the start of the domain)");
        }
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(object + ": " + field + ": \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** Whether the rule applies to this client. */
    public boolean appliesTo(InetAddress client) {
        return clients.isEmpty() || Cidr.anyContains(clients, client);
    }
}
