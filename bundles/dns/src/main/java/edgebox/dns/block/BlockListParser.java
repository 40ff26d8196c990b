package edgebox.dns.block;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

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
    private static final byte[][] NOISE = HOSTS_NOISE.stream().map(n -> n.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
    private static final byte[][] BLOCKING_ADDRESSES = Stream.of("0.0.0.0", "127.0.0.1", "::", "::1")
            .map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private BlockListParser() {
    }

    public static FilterList parse(String list, String text, BlockMode mode) {
        return parse(list, text, mode, false);
    }

    /** An allowlist ({@code allowlist}): every rule in it is an exception, as if written with {@code @@}. */
    public static FilterList parse(String list, String text, BlockMode mode, boolean allowlist) {
        return parse(list, text.getBytes(StandardCharsets.UTF_8), mode, allowlist);
    }

    /**
     * The list as the file's bytes (UTF-8): the common lines (a plain rule, a hosts line) are read as ranges of
     * {@code text}, with neither a decoded copy of the file nor a copy per name. One pass over a line finds its end
     * and the first {@code #}, blank and {@code $} in it; the name is checked while it is copied into the arena.
     */
    public static FilterList parse(String list, byte[] text, BlockMode mode, boolean allowlist) {
        FilterList out = new FilterList(list, mode, text.length);
        int line = 0;
        int at = 0;
        int n = text.length;
        while (at < n) {
            line++;
            while (at < n && text[at] != '\n' && (text[at] & 0xFF) <= ' ') {
                at++;
            }
            int from = at;
            int hash = -1;
            int blank = -1;
            int dollar = -1;
            for (; at < n; at++) {
                byte c = text[at];
                if (c == '\n') {
                    break;
                } else if (c == '#') {
                    hash = hash < 0 ? at : hash;
                } else if (c == ' ' || c == '\t') {
                    blank = blank < 0 ? at : blank;
                } else if (c == '$') {
                    dollar = dollar < 0 ? at : dollar;
                }
            }
            int end = at;
            while (end > from && (text[end - 1] & 0xFF) <= ' ') {
                end--;
            }
            at++;
            if (from == end || text[from] == '!' || text[from] == '#' || text[from] == '[') {
                continue;
            }
            // a blank after the first $ belongs to the modifiers, one past the end to the line's tail
            int space = blank >= end || (dollar >= 0 && dollar < blank) ? -1 : blank;
            String reason = rule(out, text, from, end, line, allowlist, hash, space, dollar);
            if (reason != null) {
                out.refuse(line, string(text, from, end), reason);
            }
        }
        return out.seal();
    }

    /**
     * Adds the rule in {@code text[from, to)}, whose first {@code #}, blank (before any {@code $}) and {@code $} are
     * at {@code hash}, {@code space} and {@code dollar} (-1: none); returns why it was refused, or null.
     */
    private static String rule(FilterList out, byte[] text, int from, int to, int line, boolean allowlist, int hash,
            int space, int dollar) {
        if (hash >= 0 && cosmetic(text, hash, to)) {
            return "cosmetic rules do not apply to DNS";
        }
        if (to - from > 1 && text[from] == '/' && text[to - 1] == '/') {
            return "regular expressions are not supported";
        }
        if (space > 0) {
            return hosts(out, text, from, to, line, space, hash >= space ? hash : indexOf(text, '#', space, to),
                    allowlist);
        }
        boolean exception = to - from > 1 && text[from] == '@' && text[from + 1] == '@';
        boolean allow = exception || allowlist;
        int r = exception ? from + 2 : from;
        int patternEnd = dollar < 0 ? to : dollar;
        byte flags = allow ? FilterList.ALLOW : 0;
        int hostFrom;
        int hostTo;
        boolean caret = patternEnd > r && text[patternEnd - 1] == '^';
        if (patternEnd - r > 1 && text[r] == '|' && text[r + 1] == '|') {
            if (!caret) {
                return "'||name' without '^' also matches longer names; write ||name^";
            }
            flags |= FilterList.TREE;
            hostFrom = r + 2;
            hostTo = patternEnd - 1;
        } else if (patternEnd > r && text[r] == '|') {
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
        FilterList.Modifiers extra = null;
        if (dollar >= 0) {
            Object parsed = modifiers(string(text, dollar + 1, to), allow);
            if (parsed instanceof String reason) {
                return reason;
            }
            Modified m = (Modified) parsed;
            flags |= m.flags;
            extra = m.extra;
        }
        return out.add(text, hostFrom, hostTo, line, flags, extra) ? null : notAHost(text, hostFrom, hostTo);
    }

    /** Why {@code text[from, to)}, refused as a name, is not one. */
    private static String notAHost(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = text[i];
            if (c == '*') {
                return "wildcard patterns are not supported";
            }
            if (c == '/' || c == ':' || c == '^') {
                return "URL patterns are not supported, only host names";
            }
        }
        return "'" + string(text, from, to) + "' is not a host name";
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
    private static boolean cosmetic(byte[] text, int hash, int to) {
        for (int i = hash; i < to - 1; i++) {
            if (text[i] != '#') {
                continue;
            }
            byte c = text[i + 1];
            if (c == '#' || ((c == '@' || c == '?' || c == '$') && i + 2 < to && text[i + 2] == '#')) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code c} in {@code text[from, to)}, or -1. */
    private static int indexOf(byte[] text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String string(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    /** A hosts line: the address before {@code space}, names after it up to the comment at {@code hash}. */
    private static String hosts(FilterList out, byte[] text, int from, int to, int number, int space, int hash,
            boolean allowlist) {
        int end = hash >= 0 ? hash : to;
        if (!addressText(text, from, space)) {
            return "neither a filter rule nor a hosts line (address, then names)";
        }
        FilterList.Modifiers extra = null;
        if (!allowlist && !oneOf(BLOCKING_ADDRESSES, text, from, space, false)) {
            String ip = string(text, from, space);
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
            while (i < end && (text[i] == ' ' || text[i] == '\t')) {
                i++;
            }
            int nameFrom = i;
            while (i < end && text[i] != ' ' && text[i] != '\t') {
                i++;
            }
            if (i > nameFrom && !oneOf(NOISE, text, nameFrom, i, true)
                    && !out.add(text, nameFrom, i, number, flags, extra)) {
                if (bad == null) {
                    bad = new ArrayList<>();
                }
                bad.add(string(text, nameFrom, i));
            }
        }
        return bad == null ? null : "not host names: " + String.join(" ", bad);
    }

    /** An IPv6 address (it has a colon) or digits and dots; {@link DnsRewrite} checks it further. */
    private static boolean addressText(byte[] text, int from, int to) {
        boolean digitsAndDots = true;
        for (int i = from; i < to; i++) {
            byte c = text[i];
            if (c == ':') {
                return true;
            }
            digitsAndDots &= (c >= '0' && c <= '9') || c == '.';
        }
        return digitsAndDots;
    }

    /** Whether {@code text[from, to)} is one of {@code words} (ASCII, lower case; {@code anyCase}: in any case). */
    private static boolean oneOf(byte[][] words, byte[] text, int from, int to, boolean anyCase) {
        for (byte[] w : words) {
            if (w.length != to - from) {
                continue;
            }
            int i = 0;
            while (i < w.length && (text[from + i] == w[i]
                    || (anyCase && text[from + i] >= 'A' && text[from + i] <= 'Z' && text[from + i] + 32 == w[i]))) {
                i++;
            }
            if (i == w.length) {
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
