package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import edgebox.policy.model.DnsRule;
import edgebox.policy.model.PortRange;

/**
 * Reads {@code rules.dns} of a toPorts entry, with Cilium's checks: a name of letters, digits, {@code -} and
 * {@code _} in dot-separated labels, a pattern that may also hold {@code *}, at most 255 characters; each then made
 * lower case and absolute. At the edge these rules say which names clients may ask the box's resolver, so their
 * ports must be port 53.
 */
final class DnsRules {

    static final int DNS_PORT = 53;

    private static final Pattern NAME = Pattern.compile("[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?");
    private static final Pattern PATTERN = Pattern.compile("[-a-zA-Z0-9_*]+(\\.[-a-zA-Z0-9_*]+)*\\.?");
    private static final int MAX_LENGTH = 255;

    private DnsRules() {
    }

    /** The entries of {@code rules.dns}; {@code rules} is the toPorts entry's {@code rules} node. */
    static List<DnsRule> read(In rules) {
        List<DnsRule> out = new ArrayList<>();
        for (In d : rules.list("dns")) {
            d.only(List.of("matchName", "matchPattern"), Map.of());
            String name = d.str("matchName");
            String pattern = d.str("matchPattern");
            if (name != null && pattern != null) {
                d.problem("matchPattern", "cannot be combined with matchName in one entry: write an entry for each");
            } else if (name == null && pattern == null) {
                d.problem("needs matchName or matchPattern");
            } else if (name != null) {
                if (valid(d, "matchName", name, NAME)) {
                    out.add(DnsRule.name(absolute(name)));
                }
            } else if (pattern.strip().equals("*")) {
                out.add(DnsRule.pattern("*"));
            } else if (valid(d, "matchPattern", pattern, PATTERN)) {
                out.add(DnsRule.pattern(absolute(pattern)));
            }
        }
        return out;
    }

    /**
     * Refuses the ports of a toPorts entry with DNS rules unless each is port 53: {@code items} are the written port
     * entries, {@code ports} what each gave.
     */
    static void checkPorts(In node, List<In> items, List<PortRange> ports) {
        if (items.isEmpty()) {
            node.problem("ports", "DNS rules need the port they apply to: 53, the box's resolver");
        }
        for (int i = 0; i < items.size() && i < ports.size(); i++) {
            PortRange r = ports.get(i);
            if (r.port() != DNS_PORT) {
                items.get(i).problem("port", "DNS rules apply to port 53 only, got " + r.port());
            } else if (r.endPort() != DNS_PORT) {
                items.get(i).problem("endPort", "DNS rules apply to port 53 only, got 53-" + r.endPort());
            }
        }
    }

    private static boolean valid(In node, String key, String text, Pattern form) {
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            node.problem(key, "must be at most " + MAX_LENGTH + " characters, got " + s.length());
            return false;
        }
        if (!form.matcher(s).matches()) {
            node.problem(key, "must be dot-separated labels of letters, digits, \"-\" and \"_\""
                    + (form == PATTERN ? " or \"*\"" : "") + ", got \"" + text + "\"");
            return false;
        }
        return true;
    }

    private static String absolute(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s : s + ".";
    }
}
