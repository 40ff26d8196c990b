package edgebox.policy.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (address, protocol, port) -> the answer of the lowest-numbered rule whose address terms ({@link CidrRuleIndex}) and
 * port terms ({@link PortTable}) both hold it, precomputed: what {@link RuleSet#firstCommon(RuleSet, RuleSet)} of the
 * two lookups would give, without touching a rule set. The addresses with the same matching rules form a source
 * class; per class and protocol (TCP, UDP, SCTP, any other) the answer is constant between port bounds, so each
 * keeps a short sorted array of the ports where its answer changes and the answer from there on. Classes with the
 * same answers share one row, and each family's {@link AddressRanges} leads straight to the row. A lookup is two
 * binary searches over primitive arrays (address ranges, then the row's port bounds) and allocates nothing.
 * Building costs one intersection per source class and port range; {@link #build} refuses when that product
 * passes a budget, and the caller keeps intersecting per lookup. (One port search per destination and a cell per
 * class, which lets the two searches overlap, measured slower at 1,000 rules and no faster at 10,000.)
 */
public final class FirstMatchTable {

    /** The source classes x port ranges a table may precompute by default. */
    public static final long BUDGET = 1L << 22;

    private static final int SLOTS = 4;
    private static final int HEADER = SLOTS + 1;
    private static final int ANSWER = 0xffff;

    private final int[] table;
    private final AddressRanges v6;
    private final int[] answers;
    private final int rows;
    private final int ranges;

    private FirstMatchTable(int[] table, AddressRanges v6, int[] answers, int rows, int ranges) {
        this.table = table;
        this.v6 = v6;
        this.answers = answers;
        this.rows = rows;
        this.ranges = ranges;
    }

    /**
     * The table over {@code sources} and {@code ports} (of the same rules), answering {@code answers[r]} when rule
     * {@code r} is the first both hold, {@code none} when no rule is; null when source classes x port ranges
     * exceed {@code budget}, or the answers differ in more than 2^16 ways.
     */
    public static FirstMatchTable build(CidrRuleIndex sources, PortTable ports, int[] answers, int none,
            long budget) {
        Map<RuleSet, Integer> classes = new LinkedHashMap<>();
        classes.put(sources.none(), 0);
        sources.family(true).values().forEach(s -> classes.putIfAbsent(s, classes.size()));
        sources.family(false).values().forEach(s -> classes.putIfAbsent(s, classes.size()));
        RuleSet[][] segments = new RuleSet[SLOTS][];
        int[][] segmentStarts = new int[SLOTS][];
        long segmentCount = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            segmentStarts[slot] = ports.starts(slot);
            segments[slot] = ports.sets(slot);
            segmentCount += segments[slot].length;
        }
        if (classes.size() * segmentCount > budget) {
            return null;
        }
        Rows built = new Rows();
        built.answer(none);
        int[] rowOf = new int[classes.size()];
        for (var c : classes.entrySet()) {
            List<Integer> row = new ArrayList<>(List.of(HEADER));
            List<Integer> body = new ArrayList<>();
            for (int slot = 0; slot < SLOTS; slot++) {
                body.addAll(entries(c.getKey(), segmentStarts[slot], segments[slot], answers, none, built));
                row.add(HEADER + body.size());
            }
            row.addAll(body);
            rowOf[c.getValue()] = built.row(row);
        }
        if (built.answers.size() > ANSWER + 1) {
            return null;
        }
        int[] rows = built.rows.stream().mapToInt(Integer::intValue).toArray();
        Map<Prefix, RuleSet> family4 = sources.family(true);
        int outside = rowOf[classes.get(sources.none())];
        int[] table = AddressRanges.flat4(new ArrayList<>(family4.keySet()), rowOffsets(family4, classes, rowOf, 0),
                outside, rows);
        int before = table.length - rows.length;
        Map<Prefix, RuleSet> family6 = sources.family(false);
        AddressRanges v6 = AddressRanges.of(new ArrayList<>(family6.keySet()),
                rowOffsets(family6, classes, rowOf, before), 128, outside + before);
        return new FirstMatchTable(table, v6, built.answers.stream().mapToInt(Integer::intValue).toArray(),
                built.rowAt.size(), AddressRanges.size4(table, rows.length) + v6.size());
    }

    /** The answer for an IPv4 client (big-endian) on IP protocol {@code protocol}'s port {@code port}. */
    public int answer4(int address, int protocol, int port) {
        int slot = slot(protocol);
        if (slot < 3 && (port & ~0xffff) != 0) {
            return answers[0];
        }
        return onPort(AddressRanges.find4(table, address), slot, port);
    }

    /** The same for an IPv6 client ({@code high:low}). */
    public int answer6(long high, long low, int protocol, int port) {
        int slot = slot(protocol);
        if (slot < 3 && (port & ~0xffff) != 0) {
            return answers[0];
        }
        return onPort(v6.find6(high, low), slot, port);
    }

    /** How many distinct rows (sets of per-protocol answers) the source classes share. */
    public int rows() {
        return rows;
    }

    /** How many address ranges both families are cut into. */
    public int ranges() {
        return ranges;
    }

    /**
     * Searches the slot's entries of the row at {@code row}: each holds the port from which it answers in its high
     * 16 bits and the index of its answer in the low 16, sign bit flipped, ascending from port 0. The other
     * protocols' slot holds one entry, whatever the port.
     */
    private int onPort(int row, int slot, int port) {
        int[] t = table;
        int lo = row + t[row + slot];
        int n = row + t[row + slot + 1] - lo;
        int key = (port << 16 | ANSWER) ^ Integer.MIN_VALUE;
        while (n > 1) {
            int half = n >>> 1;
            lo = t[lo + half] <= key ? lo + half : lo;
            n -= half;
        }
        return answers[t[lo] & ANSWER];
    }

    private static int slot(int protocol) {
        return protocol == PortTable.TCP ? 0 : protocol == PortTable.UDP ? 1 : protocol == PortTable.SCTP ? 2 : 3;
    }

    /** One class's entries for one protocol: where its answer changes, and the answer's index from there on. */
    private static List<Integer> entries(RuleSet source, int[] starts, RuleSet[] sets, int[] answers, int none,
            Rows built) {
        List<Integer> entries = new ArrayList<>();
        int last = -1;
        for (int s = 0; s < sets.length; s++) {
            int first = RuleSet.firstCommon(source, sets[s]);
            int answer = built.answer(first < 0 ? none : answers[first]);
            if (answer != last) {
                entries.add((starts[s] << 16 | answer & ANSWER) ^ Integer.MIN_VALUE);
                last = answer;
            }
        }
        return entries;
    }

    /** Each address range's value: {@code shift} plus the offset of its class's row. */
    private static int[] rowOffsets(Map<Prefix, RuleSet> family, Map<RuleSet, Integer> classes, int[] rowOf,
            int shift) {
        return family.values().stream().mapToInt(s -> rowOf[classes.get(s)] + shift).toArray();
    }

    /** Rows and answers as they are built, each stored once; answer 0 is the one for no rule. */
    private static final class Rows {
        final Map<List<Integer>, Integer> rowAt = new HashMap<>();
        final Map<Integer, Integer> answerAt = new HashMap<>();
        final List<Integer> rows = new ArrayList<>();
        final List<Integer> answers = new ArrayList<>();

        int row(List<Integer> row) {
            return rowAt.computeIfAbsent(row, r -> {
                int offset = rows.size();
                rows.addAll(r);
                return offset;
            });
        }

        int answer(int answer) {
            return answerAt.computeIfAbsent(answer, a -> {
                answers.add(a);
                return answers.size() - 1;
            });
        }
    }
}
