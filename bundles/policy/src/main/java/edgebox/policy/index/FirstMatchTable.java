package edgebox.policy.index;

import java.util.ArrayList;
import java.util.Arrays;
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

    private final AddressRanges v4;
    private final AddressRanges v6;
    private final int[] rows;
    private final int[] bounds;
    private final int none;

    private FirstMatchTable(AddressRanges v4, AddressRanges v6, int[] rows, int[] bounds, int none) {
        this.v4 = v4;
        this.v6 = v6;
        this.rows = rows;
        this.bounds = bounds;
        this.none = none;
    }

    /**
     * The table over {@code sources} and {@code ports} (of the same rules), answering {@code answers[r]} when rule
     * {@code r} is the first both hold, {@code none} when no rule is; null when source classes x port ranges
     * exceed {@code budget}.
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
        int[] rowOf = new int[classes.size()];
        for (var c : classes.entrySet()) {
            int[] row = new int[SLOTS];
            for (int slot = 0; slot < SLOTS; slot++) {
                row[slot] = built.block(answers(c.getKey(), segmentStarts[slot], segments[slot], answers, none));
            }
            rowOf[c.getValue()] = built.row(row);
        }
        return new FirstMatchTable(ranges(sources, true, classes, rowOf), ranges(sources, false, classes, rowOf),
                built.rows(), built.bounds(), none);
    }

    /** The answer for an IPv4 client (big-endian) on IP protocol {@code protocol}'s port {@code port}. */
    public int answer4(int address, int protocol, int port) {
        int slot = slot(protocol);
        if (slot < 3 && (port & ~0xffff) != 0) {
            return none;
        }
        return onPort(rows[v4.find4(address) + slot], port);
    }

    /** The same for an IPv6 client ({@code high:low}). */
    public int answer6(long high, long low, int protocol, int port) {
        int slot = slot(protocol);
        if (slot < 3 && (port & ~0xffff) != 0) {
            return none;
        }
        return onPort(rows[v6.find6(high, low) + slot], port);
    }

    /** How many distinct rows (sets of per-protocol answers) the source classes share. */
    public int rows() {
        return rows.length / SLOTS;
    }

    /** How many address ranges both families are cut into. */
    public int ranges() {
        return v4.size() + v6.size();
    }

    /** Searches a block of {@code bounds}: its length n, n ascending ports from 0, the n answers from there on. */
    private int onPort(int block, int port) {
        int[] b = bounds;
        int n = b[block];
        int first = block + 1;
        int lo = 0;
        int count = n;
        while (count > 1) {
            int half = count >>> 1;
            lo = b[first + lo + half] <= port ? lo + half : lo;
            count -= half;
        }
        return b[first + n + lo];
    }

    private static int slot(int protocol) {
        return protocol == PortTable.TCP ? 0 : protocol == PortTable.UDP ? 1 : protocol == PortTable.SCTP ? 2 : 3;
    }

    /** One class's block for one protocol: the ports where its answer changes, and the answers. */
    private static int[] answers(RuleSet source, int[] starts, RuleSet[] sets, int[] answers, int none) {
        List<Integer> at = new ArrayList<>();
        List<Integer> answer = new ArrayList<>();
        for (int s = 0; s < sets.length; s++) {
            int first = RuleSet.firstCommon(source, sets[s]);
            int a = first < 0 ? none : answers[first];
            if (answer.isEmpty() || answer.getLast() != a) {
                at.add(starts[s]);
                answer.add(a);
            }
        }
        int[] block = new int[1 + 2 * at.size()];
        block[0] = at.size();
        for (int i = 0; i < at.size(); i++) {
            block[1 + i] = at.get(i);
            block[1 + at.size() + i] = answer.get(i);
        }
        return block;
    }

    /** A family's address ranges, each valued with the offset of its class's row in {@code rows}. */
    private static AddressRanges ranges(CidrRuleIndex sources, boolean ipv4, Map<RuleSet, Integer> classes,
            int[] rowOf) {
        Map<Prefix, RuleSet> family = sources.family(ipv4);
        int[] values = family.values().stream().mapToInt(s -> rowOf[classes.get(s)] * SLOTS).toArray();
        return AddressRanges.of(new ArrayList<>(family.keySet()), values, ipv4 ? 32 : 128,
                rowOf[classes.get(sources.none())] * SLOTS);
    }

    /** Blocks and rows as they are built, each stored once. */
    private static final class Rows {
        final Map<List<Integer>, Integer> blockAt = new HashMap<>();
        final Map<List<Integer>, Integer> rowAt = new HashMap<>();
        final List<Integer> bounds = new ArrayList<>();
        final List<Integer> rows = new ArrayList<>();

        int block(int[] block) {
            return blockAt.computeIfAbsent(Arrays.stream(block).boxed().toList(), b -> {
                int offset = bounds.size();
                bounds.addAll(b);
                return offset;
            });
        }

        int row(int[] row) {
            return rowAt.computeIfAbsent(Arrays.stream(row).boxed().toList(), r -> {
                int index = rows.size() / SLOTS;
                rows.addAll(r);
                return index;
            });
        }

        int[] rows() {
            return rows.stream().mapToInt(Integer::intValue).toArray();
        }

        int[] bounds() {
            return bounds.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
