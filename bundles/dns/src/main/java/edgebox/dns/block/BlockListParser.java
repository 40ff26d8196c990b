package edgebox.dns.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import edgebox.api.net.Cidr;

/**
 * Reads a filter list in AdGuard's DNS syntax or hosts syntax into a {@link FilterList}.
 * <ul>
 * <li>{@code ||ads.example^}: the name and every name below it; {@code |ads.example^}: that name only; a bare
 * {@code ads.example} counts as {@code ||ads.example^}; {@code @@} in front: an exception.</li>
 * <li>Modifiers after {@code $}: {@code important}, {@code client=10.0.0.5|192.168.1.0/24} (addresses and CIDRs;
 * client names are refused), {@code dnsrewrite=...} (see {@link DnsRewrite}).</li>
 * <li>Hosts lines: {@code 0.0.0.0 a.example b.example} blocks those exact names (0.0.0.0, 127.0.0.1, :: and ::1);
 * any other address answers the names with it, as AdGuard Home does.</li>
 * <li>Comments ({@code !}, {@code #}), blank lines and {@code [Adblock Plus]} headers are skipped.</li>
 * </ul>
 * A rule the box cannot honour (regular expressions, {@code *} patterns, cosmetic rules, other modifiers,
 * {@code $badfilter}) is refused with list:line and the reason; the rest of the list still loads.
 */
public final class BlockListParser {

    static final Set<String> HOSTS_NOISE = Set.of("localhost", "localhost.localdomain", "local", "broadcasthost",
            "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters",
            "ip6-allhosts", "0.0.0.0");
    private static final Set<String> BLOCKING_ADDRESSES = Set.of("0.0.0.0", "127.0.0.1", "::", "::1");

    private BlockListParser() {
    }

    public static FilterList parse(String list, String text, BlockMode mode) {
        return parse(list, text, mode, false);
    }

    /** An allowlist ({@code allowlist}): every rule in it is an exception, as if written with {@code @@}. */
    public static FilterList parse(String list, String text, BlockMode mode, boolean allowlist) {
        FilterList out = new FilterList(list, mode);
        int line = 0;
        int at = 0;
        int n = text.length();
        while (at <= n) {
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? n : nl;
            line++;
            String rule = text.substring(at, end).strip();
            if (!rule.isEmpty() && rule.charAt(0) != '!' && rule.charAt(0) != '#' && rule.charAt(0) != '[') {
                boolean asException = allowlist && !rule.startsWith("@@") && firstSpace(rule) < 0;
                String reason = rule(out, asException ? "@@" + rule : rule, line, allowlist);
                if (reason != null) {
                    out.refuse(line, rule, reason);
                }
            }
            if (nl < 0) {
                break;
            }
            at = nl + 1;
        }
        return out.seal();
    }

    /** Adds one rule; returns why it was refused, or null. */
    private static String rule(FilterList out, String rule, int line, boolean allowlist) {
        if (rule.contains("##") || rule.contains("#@#") || rule.contains("#?#") || rule.contains("#$#")) {
            return "cosmetic rules do not apply to DNS";
        }
        if (rule.length() > 1 && rule.charAt(0) == '/' && rule.endsWith("/")) {
            return "regular expressions are not supported";
        }
        int space = firstSpace(rule);
        if (space > 0) {
            return hosts(out, rule, line, space, allowlist);
        }
        boolean allow = rule.startsWith("@@");
        String r = allow ? rule.substring(2) : rule;
        int dollar = r.indexOf('$');
        String pattern = dollar < 0 ? r : r.substring(0, dollar);
        byte flags = allow ? FilterList.ALLOW : 0;
        String host;
        if (pattern.startsWith("||")) {
            if (!pattern.endsWith("^")) {
                return "'||name' without '^' also matches longer names; write ||name^";
            }
            flags |= FilterList.TREE;
            host = pattern.substring(2, pattern.length() - 1);
        } else if (pattern.startsWith("|")) {
            if (!pattern.endsWith("^")) {
                return "'|name' without '^' is a prefix match; write |name^";
            }
            host = pattern.substring(1, pattern.length() - 1);
        } else {
            flags |= FilterList.TREE;
            host = pattern.endsWith("^") ? pattern.substring(0, pattern.length() - 1) : pattern;
        }
        if (host.indexOf('*') >= 0) {
            return "wildcard patterns are not supported";
        }
        if (host.indexOf('/') >= 0 || host.indexOf(':') >= 0 || host.indexOf('^') >= 0) {
            return "URL patterns are not supported, only host names";
        }
        List<Cidr> clients = List.of();
        DnsRewrite rewrite = null;
        if (dollar >= 0) {
            for (String m : r.substring(dollar + 1).split(",")) {
                String mod = m.strip();
                int eq = mod.indexOf('=');
                String key = (eq < 0 ? mod : mod.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : mod.substring(eq + 1);
                switch (key) {
                    case "important" -> flags |= FilterList.IMPORTANT;
                    case "client" -> {
                        try {
                            clients = clients(value);
                        } catch (IllegalArgumentException e) {
                            return e.getMessage();
                        }
                    }
                    case "dnsrewrite" -> {
                        if (allow) {
                            return "@@ with $dnsrewrite is not supported";
                        }
                        try {
                            rewrite = DnsRewrite.parse(value);
                        } catch (IllegalArgumentException e) {
                            return e.getMessage();
                        }
                        flags |= FilterList.REWRITE;
                    }
                    case "badfilter" -> {
                        return "$badfilter is not supported: delete or comment out the rule it disables";
                    }
                    default -> {
                        return "modifier $" + key + " is not supported (important, client, dnsrewrite)";
                    }
                }
            }
        }
        if (!clients.isEmpty()) {
            flags |= FilterList.CLIENT;
        }
        FilterList.Modifiers extra = clients.isEmpty() && rewrite == null ? null
                : new FilterList.Modifiers(clients, rewrite);
        return out.add(host, line, flags, extra) ? null : "'" + host + "' is not a host name";
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                return i;
            }
            if (c == '$') {
                return -1;
            }
        }
        return -1;
    }

    private static String hosts(FilterList out, String line, int number, int space, boolean allowlist) {
        int hash = line.indexOf('#');
        String ip = line.substring(0, space);
        String[] names = (hash >= 0 ? line.substring(space, hash) : line.substring(space)).strip().split("\\s+");
        if (!(ip.indexOf(':') >= 0 || ip.matches("[0-9.]+"))) {
            return "neither a filter rule nor a hosts line (address, then names)";
        }
        FilterList.Modifiers extra = null;
        if (!allowlist && !BLOCKING_ADDRESSES.contains(ip)) {
            try {
                extra = new FilterList.Modifiers(List.of(), DnsRewrite.parse(ip));
            } catch (IllegalArgumentException e) {
                return "'" + ip + "' is not an IP address";
            }
        }
        List<String> bad = new ArrayList<>();
        for (String name : names) {
            if (!name.isEmpty() && !HOSTS_NOISE.contains(name.toLowerCase(Locale.ROOT))
                    && !out.add(name, number, allowlist ? FilterList.ALLOW : extra == null ? 0 : FilterList.REWRITE,
                            extra)) {
                bad.add(name);
            }
        }
        return bad.isEmpty() ? null : "not host names: " + String.join(" ", bad);
    }

    private static List<Cidr> clients(String value) {
        List<Cidr> out = new ArrayList<>();
        for (String c : value.split("\\|")) {
            String v = c.strip();
            if (v.length() > 1 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) {
                v = v.substring(1, v.length() - 1);
            }
            if (v.startsWith("~")) {
                throw new IllegalArgumentException("$client=" + value + ": excluded clients (~) are not supported");
            }
            try {
                out.add(Cidr.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("$client=" + value + ": '" + v
                        + "' is not an IP address or CIDR (client names are not supported)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("$client needs an address or CIDR");
        }
        return List.copyOf(out);
    }
}
