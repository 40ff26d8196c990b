package edgebox.dns.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.net.Cidr;

/**
 * One parsed list, compact: every rule's name as wire bytes in one arena, its line and its flags in parallel arrays;
 * the rare rules with a {@code $client} or {@code $dnsrewrite} keep a {@link Modifiers} beside them. The refused
 * lines are kept with file:line and reason (the first {@value #KEPT_REFUSALS}; all are counted). Immutable once
 * the parser hands it out.
 */
public final class FilterList {

    static final int KEPT_REFUSALS = 1000;

    static final byte TREE = 1;
    static final byte ALLOW = 2;
    static final byte IMPORTANT = 4;
    static final byte REWRITE = 8;
    static final byte CLIENT = 16;

    /** What a rule's modifiers add: client networks it is limited to (empty: all), and a rewritten answer. */
    record Modifiers(List<Cidr> clients, DnsRewrite rewrite) {
    }

    private final String list;
    private final BlockMode mode;
    private byte[] names;
    private int used;
    private int[] starts = new int[64];
    private int[] lines = new int[64];
    private byte[] flags = new byte[64];
    private int count;
    private int exceptions;
    private final Map<Integer, Modifiers> modifiers = new HashMap<>();
    private final List<String> refusals = new ArrayList<>();
    private int refused;

    /**
     * {@code textLength}: the list's length in bytes. A name takes its length plus two bytes, a line at least
     * its name plus a newline, so an arena of the text's length and an eighth more holds the names of any list whose
     * lines average eight characters or more, without growing.
     */
    FilterList(String list, BlockMode mode, int textLength) {
        this.list = list;
        this.mode = mode;
        this.names = new byte[Math.max(64, textLength + textLength / 8 + 16)];
    }

    /** Adds a rule for the host name in {@code text[from, to)}; false when it is not one (nothing added). */
    boolean add(byte[] text, int from, int to, int line, byte flag, Modifiers extra) {
        if (names.length - used < to - from + 2) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, used + to - from + 2));
        }
        int end = WireName.encode(text, from, to, names, used);
        if (end < 0) {
            return false;
        }
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            lines = Arrays.copyOf(lines, n);
            flags = Arrays.copyOf(flags, n);
        }
        starts[count] = used;
        lines[count] = line;
        flags[count] = flag;
        if ((flag & ALLOW) != 0) {
            exceptions++;
        }
        if (extra != null) {
            modifiers.put(count, extra);
        }
        count++;
        used = end;
        return true;
    }

    void refuse(int line, String rule, String reason) {
        if (refusals.size() < KEPT_REFUSALS) {
            refusals.add(list + ":" + line + ": \"" + rule + "\": " + reason);
        }
        refused++;
    }

    /** Trims the arrays to size once parsing is done. */
    FilterList seal() {
        names = Arrays.copyOf(names, used);
        starts = Arrays.copyOf(starts, count);
        lines = Arrays.copyOf(lines, count);
        flags = Arrays.copyOf(flags, count);
        return this;
    }

    /** True when some rule applies only to some clients ({@code $client}). */
    boolean hasClientRules() {
        return modifiers.values().stream().anyMatch(m -> !m.clients().isEmpty());
    }

    public String list() {
        return list;
    }

    public BlockMode mode() {
        return mode;
    }

    /** The rules loaded. */
    public int size() {
        return count;
    }

    /** The exception ({@code @@}) rules among them. */
    public int exceptions() {
        return exceptions;
    }

    /** How many lines were refused. */
    public int unsupported() {
        return refused;
    }

    /** The refused lines, each "list:line: "rule": reason" (at most {@value #KEPT_REFUSALS}). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    byte[] names() {
        return names;
    }

    int start(int rule) {
        return starts[rule];
    }

    int end(int rule) {
        return rule + 1 < count ? starts[rule + 1] : used;
    }

    int line(int rule) {
        return lines[rule];
    }

    byte flags(int rule) {
        return flags[rule];
    }

    Modifiers modifiers(int rule) {
        return modifiers.get(rule);
    }

    /** The rule as a reason: list, line, and the rule written back in AdGuard syntax. */
    String describe(int rule) {
        byte f = flags[rule];
        Modifiers m = modifiers.get(rule);
        StringBuilder b = new StringBuilder(list).append(':').append(lines[rule]).append(' ');
        b.append((f & ALLOW) != 0 ? "@@" : "").append((f & TREE) != 0 ? "||" : "|")
                .append(WireName.text(names, starts[rule])).append('^');
        List<String> mods = new ArrayList<>();
        if ((f & IMPORTANT) != 0) {
            mods.add("important");
        }
        if (m != null && !m.clients().isEmpty()) {
            mods.add("client=" + String.join("|", m.clients().stream().map(Cidr::toString).toList()));
        }
        if (m != null && m.rewrite() != null) {
            mods.add("dnsrewrite");
        }
        return mods.isEmpty() ? b.toString() : b.append('$').append(String.join(",", mods)).toString();
    }
}
