package edgebox.policy.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * (protocol, port) -> the rules whose {@link PortTerm}s allow it. Per protocol the port space is cut into the
 * ranges where the answer does not change, each with its shared {@link RuleSet}; a lookup is a binary search over
 * the range starts (log2 of twice the distinct port bounds, 0 to 16 steps) and allocates nothing. Protocols other
 * than TCP, UDP and SCTP match only the rules for every protocol and port. Built once, immutable.
 */
public final class PortTable {

    public static final int ANY = 0;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SCTP = 132;

    private static final int[] PROTOCOLS = {TCP, UDP, SCTP};

    private final int[][] starts;
    private final RuleSet[][] sets;
    private final RuleSet otherProtocols;
    private final RuleSet none;

    private PortTable(int[][] starts, RuleSet[][] sets, RuleSet otherProtocols, RuleSet none) {
        this.starts = starts;
        this.sets = sets;
        this.otherProtocols = otherProtocols;
        this.none = none;
    }

    /** The table of {@code terms}, whose rules are numbered below {@code ruleCount}. */
    public static PortTable build(int ruleCount, List<PortTerm> terms) {
        for (int t = 0; t < terms.size(); t++) {
            if (terms.get(t).rule() >= ruleCount) {
                throw new IllegalArgumentException("term " + t + ": rule " + terms.get(t).rule() + " outside 0 to "
                        + (ruleCount - 1));
            }
        }
        Map<RuleSet, RuleSet> shared = new HashMap<>();
        int[][] starts = new int[PROTOCOLS.length][];
        RuleSet[][] sets = new RuleSet[PROTOCOLS.length][];
        for (int p = 0; p < PROTOCOLS.length; p++) {
            int protocol = PROTOCOLS[p];
            List<PortTerm> mine = terms.stream().filter(t -> t.covers(protocol)).toList();
            TreeSet<Integer> bounds = new TreeSet<>(List.of(0));
            for (PortTerm t : mine) {
                bounds.add(t.first());
                if (t.last() < 65535) {
                    bounds.add(t.last() + 1);
                }
            }
            starts[p] = bounds.stream().mapToInt(Integer::intValue).toArray();
            sets[p] = sweep(ruleCount, mine, starts[p], shared);
        }
        List<PortTerm> everything = terms.stream().filter(t -> t.protocol() == ANY && t.port() == 0).toList();
        RuleSet other = sweep(ruleCount, everything, new int[] {0}, shared)[0];
        RuleSet none = shared.computeIfAbsent(RuleSet.of(ruleCount), k -> k);
        return new PortTable(starts, sets, other, none);
    }

    /** The rules for {@code port} of IP protocol {@code protocol} (6, 17, 132 or another); never null. */
    public RuleSet matching(int protocol, int port) {
        int p = protocol == TCP ? 0 : protocol == UDP ? 1 : protocol == SCTP ? 2 : -1;
        if (p < 0) {
            return otherProtocols;
        }
        if (port < 0 || port > 65535) {
            return none;
        }
        int[] s = starts[p];
        int lo = 0;
        int hi = s.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s[mid] <= port) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return sets[p][lo];
    }

    /** The range starts of TCP (slot 0), UDP (1), SCTP (2), or of every other protocol (3: one range from 0). */
    int[] starts(int slot) {
        return slot < PROTOCOLS.length ? starts[slot] : new int[] {0};
    }

    /** The rule set of each range of {@link #starts(int)}. */
    RuleSet[] sets(int slot) {
        return slot < PROTOCOLS.length ? sets[slot] : new RuleSet[] {otherProtocols};
    }

    /** How many port ranges the three protocols hold. */
    public int ranges() {
        return starts[0].length + starts[1].length + starts[2].length;
    }

    /** The rule set of each range: terms enter at their first port and leave past their last. */
    private static RuleSet[] sweep(int ruleCount, List<PortTerm> terms, int[] starts, Map<RuleSet, RuleSet> shared) {
        List<PortTerm> byFirst = new ArrayList<>(terms);
        byFirst.sort((a, b) -> Integer.compare(a.first(), b.first()));
        List<PortTerm> byEnd = new ArrayList<>(terms);
        byEnd.sort((a, b) -> Integer.compare(a.last(), b.last()));
        int[] live = new int[ruleCount];
        long[] words = new long[RuleSet.wordCount(ruleCount)];
        RuleSet[] out = new RuleSet[starts.length];
        int entered = 0;
        int left = 0;
        for (int r = 0; r < starts.length; r++) {
            while (entered < byFirst.size() && byFirst.get(entered).first() <= starts[r]) {
                int rule = byFirst.get(entered++).rule();
                live[rule]++;
                words[rule >>> 6] |= 1L << rule;
            }
            while (left < byEnd.size() && byEnd.get(left).last() < starts[r]) {
                int rule = byEnd.get(left++).rule();
                if (--live[rule] == 0) {
                    words[rule >>> 6] &= ~(1L << rule);
                }
            }
            out[r] = shared.computeIfAbsent(RuleSet.ofWords(ruleCount, words), k -> k);
        }
        return out;
    }
}
