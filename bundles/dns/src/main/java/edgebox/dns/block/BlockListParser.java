package edgebox.dns.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Reads a blocklist in hosts syntax ({@code 0.0.0.0 ads.example}: that exact name) or AdGuard's basic syntax
 * ({@code ||ads.example^}: the name and every name below it; {@code @@||ok.example^}: allowed, winning over any
 * block; a bare {@code ads.example} line counts as {@code ||ads.example^}). Comments ({@code !}, {@code #}) and blank
 * lines are skipped. Rules this DNS server cannot honour (regular expressions, {@code $} modifiers, {@code *}
 * patterns, cosmetic rules) are counted as unsupported and skipped, never guessed.
 */
public final class BlockListParser {

    static final Set<String> HOSTS_NOISE = Set.of("localhost", "localhost.localdomain", "local", "broadcasthost",
            "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters",
            "ip6-allhosts", "0.0.0.0");

    /** The parsed list: blocked names, blocked suffixes, allowed suffixes, and how many lines were unsupported. */
    public record Parsed(List<Entry> blockExact, List<Entry> blockTree, List<Entry> allowTree, int unsupported) {
    }

    public record Entry(Name name, BlockRule rule) {
    }

    private BlockListParser() {
    }

    public static Parsed parse(String list, String text, BlockMode mode) {
        List<Entry> exact = new ArrayList<>();
        List<Entry> tree = new ArrayList<>();
        List<Entry> allow = new ArrayList<>();
        int unsupported = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("!") || line.startsWith("#") || line.startsWith("[")) {
                continue;
            }
            BlockRule rule = new BlockRule(list, i + 1, line, mode);
            boolean ok;
            if (line.startsWith("@@||")) {
                ok = adblock(line.substring(4), rule, allow);
            } else if (line.startsWith("||")) {
                ok = adblock(line.substring(2), rule, tree);
            } else if (line.indexOf(' ') > 0 || line.indexOf('\t') > 0) {
                ok = hosts(line, rule, exact);
            } else {
                ok = add(line, rule, tree);
            }
            if (!ok) {
                unsupported++;
            }
        }
        return new Parsed(exact, tree, allow, unsupported);
    }

    private static boolean adblock(String rest, BlockRule rule, List<Entry> into) {
        int caret = rest.indexOf('^');
        if (caret < 0 || caret != rest.length() - 1) {
            return false;
        }
        return add(rest.substring(0, caret), rule, into);
    }

    private static boolean hosts(String line, BlockRule rule, List<Entry> into) {
        int hash = line.indexOf('#');
        String[] parts = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
        if (parts.length < 2 || !(parts[0].indexOf(':') >= 0 || parts[0].matches("[0-9.]+"))) {
            return false;
        }
        boolean ok = true;
        for (int i = 1; i < parts.length; i++) {
            if (!HOSTS_NOISE.contains(parts[i].toLowerCase(Locale.ROOT))) {
                ok &= add(parts[i], rule, into);
            }
        }
        return ok;
    }

    private static boolean add(String host, BlockRule rule, List<Entry> into) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || !h.matches("[a-z0-9_.-]+") || h.startsWith(".") || h.contains("..")) {
            return false;
        }
        try {
            into.add(new Entry(Name.fromString(h, Name.root), rule));
            return true;
        } catch (TextParseException e) {
            return false;
        }
    }
}
