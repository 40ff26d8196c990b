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
 * keeps a short sorted block of the ports where its answer changes. Classes with the same answers share one row.
 * <p>
 * Everything an IPv4 lookup reads lies in one int[]: the blocks, each stored once, an entry per port bound holding
 * the port in its high 16 bits and the index of its answer in the low 16 (so the search ends on the answer's own
 * word); the rows, four ints each, one per protocol with its block's offset and length; then the IPv4 address ranges
 * ({@link AddressRanges#flat4}), whose values are row offsets, so a bucket in one range leads straight to its row.
 * The distinct answers sit in a small array of their own. A lookup is two binary searches (address ranges, then the
 * row's block) and allocates nothing. Building costs one intersection per source class and port range;
 * {@link #build} refuses when that product passes a budget, and the caller keeps intersecting per lookup. (One port
 * search per destination and a cell per class, which lets the two searches overlap, measured slower at 1,000 rules
 * and no faster at 10,000.)
 * <p>
 * Against the layout before it (address ranges, row offsets, rows and 8-byte port bounds in separate arrays), with
 * VerdictBenchmark's policies on 2 shared cores (load average 1.6 to 2.2), both timed in alternating batches of 16
 * lookups in one run, three runs: a destination's table is 1.2 KB instead of 2.2 KB at 16 rules (1,000 over 64
 * destinations) and 10 KB instead of 13 KB at 156 (10,000 over 64); a lookup costs 6 to 7 % less on average and 10
 * to 13 % less at p99 at 1,000 rules, 16 to 21 % less on average and 22 to 34 % less at p99 at 10,000. (Taking the
 * TCP block straight from the address range, without the row, measured no clearer gain.)
 */
public final class FirstMatchTable {

    /** The source classes x port ranges a table may precompute by default. */
    public static final long BUDGET = 1L << 22;

    private static final int SLOTS = 4;
    private static final int ANSWER = 0xffff;
    private static final int LENGTH = 0xff;

    private final int[] table;
    private final int at4;
    private final AddressRanges v6;
    private final int[] answers;
    private final int rows;
    private final int ranges;

    private FirstMatchTable(int[] table, int at4, AddressRanges v6, int[] answers, int rows, int ranges) {
        this.table = table;
        this.at4 = at4;
        this.v6 = v6;
        this.answers = answers;
        this.rows = rows;
        this.ranges = ranges;
    }

    /**
     * The table over {@code sources} and {@code ports} (of the same rules), answering {@code answers[r]} when rule
     * {@code r} is the first both hold, {@code none} when no rule is; null when source classes x port ranges
     * exceed {@code budget}, the answers differ in more than 2^16 ways, or the table passes 2^23 ints.
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
        Blocks built = new Blocks(none);
        List<List<Integer>> rowOf = new ArrayList<>();
        for (RuleSet source : classes.keySet()) {
            List<Integer> row = new ArrayList<>(SLOTS);
            for (int slot = 0; slot < SLOTS; slot++) {
                row.add(built.block(entries(source, segmentStarts[slot], segments[slot], answers, none, built)));
            }
            rowOf.add(row);
        }
        if (built.answers.size() > ANSWER + 1) {
            return null;
        }
        Map<List<Integer>, Integer> rowAt = new HashMap<>();
        List<Integer> blocksAndRows = new ArrayList<>(built.blocks);
        int[] classRow = new int[rowOf.size()];
        for (int c = 0; c < classRow.length; c++) {
            classRow[c] = rowAt.computeIfAbsent(rowOf.get(c), row -> {
                int offset = blocksAndRows.size();
                row.forEach(block -> blocksAndRows.add(built.header(block)));
                return offset;
            });
        }
        int[] before = blocksAndRows.stream().mapToInt(Integer::intValue).toArray();
        int outside = classRow[classes.get(sources.none())];
        Map<Prefix, RuleSet> family4 = sources.family(true);
        int[] table = AddressRanges.flat4(new ArrayList<>(family4.keySet()), rowOffsets(family4, classes, classRow),
                outside, before);
        if (table == null) {
            return null;
        }
        Map<Prefix, RuleSet> family6 = sources.family(false);
        AddressRanges v6 = AddressRanges.of(new ArrayList<>(family6.keySet()), rowOffsets(family6, classes, classRow),
                128, outside);
        return new FirstMatchTable(table, before.length, v6, built.answers.stream().mapToInt(Integer::intValue)
                .toArray(), rowAt.size(), AddressRanges.size4(table, before.length) + v6.size());
    }

    /** The answer for an IPv4 client (big-endian) on IP protocol {@code protocol}'s port {@code port}. */
    public int answer4(int address, int protocol, int port) {
        int slot = slot(protocol);
        if (slot < 3 && (port & ~0xffff) != 0) {
            return answers[0];
        }
        return onPort(AddressRanges.find4(table, at4, address), slot, port);
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
     * Searches the block of the row at {@code row} for the protocol in {@code slot}: the row's int holds the block's
     * offset above 8 bits of its length (255: the length stands before the block). The entries ascend from port 0,
     * sign bit flipped; the other protocols' block holds one entry, whatever the port.
     */
    private int onPort(int row, int slot, int port) {
        int[] t = table;
        int block = t[row + slot];
        int lo = block >>> 8;
        int n = block & LENGTH;
        if (n == LENGTH) {
            n = t[lo - 1];
        }
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
            Blocks built) {
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

    /** Each address range's value: the offset of its class's row. */
    private static int[] rowOffsets(Map<Prefix, RuleSet> family, Map<RuleSet, Integer> classes, int[] classRow) {
        return family.values().stream().mapToInt(s -> classRow[classes.get(s)]).toArray();
    }

    /** Blocks and answers as they are built, each stored once; answer 0 is the one for no rule. */
    private static final class Blocks {
        final Map<List<Integer>, Integer> blockAt = new HashMap<>();
        final Map<Integer, Integer> lengths = new HashMap<>();
        final Map<Integer, Integer> answerAt = new HashMap<>();
        final List<Integer> blocks = new ArrayList<>();
        final List<Integer> answers = new ArrayList<>();

        Blocks(int none) {
            answer(none);
        }

        /** Where the block's entries start; its length stands before them. */
        int block(List<Integer> entries) {
            return blockAt.computeIfAbsent(entries, e -> {
                blocks.add(e.size());
                int offset = blocks.size();
                blocks.addAll(e);
                lengths.put(offset, e.size());
                return offset;
            });
        }

        /** A row's int for the block at {@code offset}. */
        int header(int offset) {
            return offset << 8 | Math.min(lengths.get(offset), LENGTH);
        }

        int answer(int answer) {
            return answerAt.computeIfAbsent(answer, a -> {
                answers.add(a);
                return answers.size() - 1;
            });
        }
    }
}
