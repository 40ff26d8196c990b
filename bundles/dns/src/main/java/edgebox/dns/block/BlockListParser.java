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
    private static final String[] NOISE = HOSTS_NOISE.toArray(String[]::new);
    private static final String[] BLOCKING_ADDRESSES = {"0.0.0.0", "127.0.0.1", "::", "::1"};

    private BlockListParser() {
    }

    public static FilterList parse(String list, String text, BlockMode mode) {
        return parse(list, text, mode, false);
    }

    /**
     * An allowlist ({@code allowlist}): every rule in it is an exception, as if written with {@code @@}. The common
     * lines (a plain rule, a hosts line) are read as ranges of {@code text}, without a copy per name.
     */
    public static FilterList parse(String list, String text, BlockMode mode, boolean allowlist) {
        FilterList out = new FilterList(list, mode, text.length());
        int line = 0;
        int at = 0;
        int n = text.length();
        while (at <= n) {
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? n : nl;
            line++;
            int from = at;
            while (from < end && text.charAt(from) <= ' ') {
                from++;
            }
            while (end > from && text.charAt(end - 1) <= ' ') {
                end--;
            }
            if (from < end) {
                char c = text.charAt(from);
                if (c != '!' && c != '#' && c != '[') {
                    String reason = rule(out, text, from, end, line, allowlist);
                    if (reason != null) {
                        out.refuse(line, text.substring(from, end), reason);
                    }
                }
            }
            if (nl < 0) {
                break;
            }
            at = nl + 1;
        }
        return out.seal();
    }

    /** Adds the rule in {@code text[from, to)}; returns why it was refused, or null. */
    private static String rule(FilterList out, String text, int from, int to, int line, boolean allowlist) {
        int hash = indexOf(text, '#', from, to);
        if (hash >= 0 && cosmetic(text, hash, to)) {
            return "cosmetic rules do not apply to DNS";
        }
        if (to - from > 1 && text.charAt(from) == '/' && text.charAt(to - 1) == '/') {
            return "regular expressions are not supported";
        }
        int space = firstSpace(text, from, to);
        if (space > 0) {
            return hosts(out, text, from, to, line, space, allowlist);
        }
        boolean allow = text.startsWith("@@", from) || allowlist;
        int r = text.startsWith("@@", from) ? from + 2 : from;
        int dollar = indexOf(text, '$', r, to);
        int patternEnd = dollar < 0 ? to : dollar;
        byte flags = allow ? FilterList.ALLOW : 0;
        int hostFrom;
        int hostTo;
        boolean caret = patternEnd > r && text.charAt(patternEnd - 1) == '^';
        if (text.startsWith("||", r)) {
            if (!caret) {
                return "'||name' without '^' also matches longer names; write ||name^";
            }
            flags |= FilterList.TREE;
            hostFrom = r + 2;
            hostTo = patternEnd - 1;
        } else if (text.startsWith("|", r)) {
            if (!caret) {
                return "'|name' without '^' is a prefix match; write |name^";
            }
            hostFrom = r + 1;
            hostTo = patternEnd - 1;
        } else {
            flags |= FilterList.TREE;
            hostFrom = r;
            hostTo = caret ? patternEnd - 1 : patternEnd;
        }
        for (int i = hostFrom; i < hostTo; i++) {
            char c = text.charAt(i);
            if (c == '*') {
                return "wildcard patterns are not supported";
            }
            if (c == '/' || c == ':' || c == '^') {
                return "URL patterns are not supported, only host names";
            }
        }
        FilterList.Modifiers extra = null;
        if (dollar >= 0) {
            Object parsed = modifiers(text.substring(dollar + 1, to), allow);
            if (parsed instanceof String reason) {
                return reason;
            }
            Modified m = (Modified) parsed;
            flags |= m.flags;
            extra = m.extra;
        }
        return out.add(text, hostFrom, hostTo, line, flags, extra) ? null
                : "'" + text.substring(hostFrom, hostTo) + "' is not a host name";
    }

    /** What a rule's {@code $} modifiers add: flags, and its clients and rewrite (null when neither). */
    private record Modified(byte flags, FilterList.Modifiers extra) {
    }

    /** The modifiers after {@code $}: a {@link Modified}, or the reason they are refused. */
    private static Object modifiers(String text, boolean allow) {
        byte flags = 0;
        List<Cidr> clients = List.of();
        DnsRewrite rewrite = null;
        for (String m : text.split(",")) {
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
        if (!clients.isEmpty()) {
            flags |= FilterList.CLIENT;
        }
        return new Modified(flags, clients.isEmpty() && rewrite == null ? null
                : new FilterList.Modifiers(clients, rewrite));
    }

    /** Whether the {@code #} at {@code hash} starts an element hiding or scriptlet marker (##, #@#, #?#, #$#). */
    private static boolean cosmetic(String text, int hash, int to) {
        for (int i = hash; i < to - 1; i++) {
            if (text.charAt(i) != '#') {
                continue;
            }
            char c = text.charAt(i + 1);
            if (c == '#' || ((c == '@' || c == '?' || c == '$') && i + 2 < to && text.charAt(i + 2) == '#')) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code c} in {@code text[from, to)}, or -1; looks no further than the line. */
    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The first blank before any {@code $}, or -1. */
    private static int firstSpace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                return i;
            }
            if (c == '$') {
                return -1;
            }
        }
        return -1;
    }

    private static String hosts(FilterList out, String text, int from, int to, int number, int space,
            boolean allowlist) {
        int hash = indexOf(text, '#', space, to);
        int end = hash >= 0 ? hash : to;
        if (!addressText(text, from, space)) {
            return "neither a filter rule nor a hosts line (address, then names)";
        }
        FilterList.Modifiers extra = null;
        if (!allowlist && !blocking(text, from, space)) {
            String ip = text.substring(from, space);
            try {
                extra = new FilterList.Modifiers(List.of(), DnsRewrite.parse(ip));
            } catch (IllegalArgumentException e) {
                return "'" + ip + "' is not an IP address";
            }
        }
        byte flags = allowlist ? FilterList.ALLOW : extra == null ? 0 : FilterList.REWRITE;
        List<String> bad = null;
        int i = space;
        while (i < end) {
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            int nameFrom = i;
            while (i < end && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                i++;
            }
            if (i > nameFrom && !noise(text, nameFrom, i) && !out.add(text, nameFrom, i, number, flags, extra)) {
                if (bad == null) {
                    bad = new ArrayList<>();
                }
                bad.add(text.substring(nameFrom, i));
            }
        }
        return bad == null ? null : "not host names: " + String.join(" ", bad);
    }

    /** An IPv6 address (it has a colon) or digits and dots; {@link DnsRewrite} checks it further. */
    private static boolean addressText(String text, int from, int to) {
        boolean digitsAndDots = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return true;
            }
            digitsAndDots &= (c >= '0' && c <= '9') || c == '.';
        }
        return digitsAndDots;
    }

    private static boolean blocking(String text, int from, int to) {
        for (String a : BLOCKING_ADDRESSES) {
            if (a.length() == to - from && text.startsWith(a, from)) {
                return true;
            }
        }
        return false;
    }

    /** Hosts-file boilerplate (localhost and its kin), in any case. */
    private static boolean noise(String text, int from, int to) {
        for (String n : NOISE) {
            if (n.length() == to - from && text.regionMatches(true, from, n, 0, n.length())) {
                return true;
            }
        }
        return false;
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
