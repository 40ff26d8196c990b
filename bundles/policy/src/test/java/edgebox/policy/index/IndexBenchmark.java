package edgebox.policy.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import edgebox.api.net.Cidr;

/**
 * JMH: the verdict path's lookups at {@code size} prefixes or rules. {@code trie4}/{@code trie6}: a longest-prefix
 * match among {@code size} random IPv4 /8-/32 or IPv6 /32-/128 blocks. {@code verdict}: an L3/L4 verdict among
 * {@code size} rules (one source block each, a tenth with an exception; a port or port range; one of 64
 * destinations; the first tenth deny rules): the source's rules from the trie, the port's from the port table, the
 * destination's set, and the first rule in all three. {@code verdictSampled} is the same in batches of 16 in
 * SampleTime mode for percentiles (one verdict is below the timer's resolution). Run by bench/policy/index.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndexBenchmark {

    private static final int QUERIES = 4096;
    private static final int DESTINATIONS = 64;
    private static final int[] COMMON_PORTS = {22, 53, 80, 443, 993, 3306, 5432, 6379, 8080, 8443, 9090, 9100};

    @Param({"10", "1000", "10000"})
    public int size;

    private PrefixTrie<Cidr> trie;
    private CidrRuleIndex sources;
    private PortTable ports;
    private RuleSet[] destinations;
    private int denyRules;
    private final int[] queries4 = new int[QUERIES];
    private final long[] queriesHigh = new long[QUERIES];
    private final long[] queriesLow = new long[QUERIES];
    private final int[] queryPorts = new int[QUERIES];
    private final int[] queryDestinations = new int[QUERIES];
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(0x1DE7);
        Map<Cidr, Cidr> blocks = new LinkedHashMap<>();
        int[] bases = random.ints(16).toArray();
        long[] bases6 = random.longs(16).toArray();
        while (blocks.size() < 2 * size) {
            Cidr c4 = new Cidr(Addresses.v4(near(random, bases)), 8 + random.nextInt(25));
            blocks.put(c4, c4);
            Cidr c6 = new Cidr(Addresses.v6(bases6[random.nextInt(16)] ^ random.nextLong() >>> 16 + random.nextInt(48),
                    random.nextLong()), 32 + random.nextInt(97));
            blocks.put(c6, c6);
        }
        trie = PrefixTrie.of(blocks);

        denyRules = size / 10;
        List<CidrTerm> cidrTerms = new ArrayList<>();
        List<PortTerm> portTerms = new ArrayList<>();
        List<List<Integer>> selected = new ArrayList<>();
        for (int d = 0; d < DESTINATIONS; d++) {
            selected.add(new ArrayList<>());
        }
        for (int rule = 0; rule < size; rule++) {
            Cidr block = new Cidr(Addresses.v4(near(random, bases)), 8 + random.nextInt(25));
            List<Cidr> except = new ArrayList<>();
            if (rule % 10 == 3 && block.prefix() < 32) {
                except.add(new Cidr(block.base(), block.prefix() + 1 + random.nextInt(32 - block.prefix())));
            }
            cidrTerms.add(new CidrTerm(rule, block, except));
            int port = COMMON_PORTS[random.nextInt(COMMON_PORTS.length)];
            portTerms.add(rule % 7 == 0 ? new PortTerm(rule, PortTable.TCP, 30000 + random.nextInt(1000), 32000)
                    : new PortTerm(rule, rule % 5 == 0 ? PortTable.ANY : PortTable.TCP, port));
            selected.get(random.nextInt(DESTINATIONS)).add(rule);
        }
        sources = CidrRuleIndex.build(size, cidrTerms);
        ports = PortTable.build(size, portTerms);
        destinations = new RuleSet[DESTINATIONS];
        for (int d = 0; d < DESTINATIONS; d++) {
            destinations[d] = RuleSet.of(size, selected.get(d).stream().mapToInt(Integer::intValue).toArray());
        }
        for (int q = 0; q < QUERIES; q++) {
            queries4[q] = near(random, bases);
            queriesHigh[q] = bases6[random.nextInt(16)] ^ random.nextLong() >>> 16 + random.nextInt(48);
            queriesLow[q] = random.nextLong();
            queryPorts[q] = random.nextInt(4) == 0 ? 30000 + random.nextInt(3000)
                    : COMMON_PORTS[random.nextInt(COMMON_PORTS.length)];
            queryDestinations[q] = random.nextInt(DESTINATIONS);
        }
    }

    /** An address sharing a random number of leading bits with one of {@code bases}: prefixes nest and cluster. */
    private static int near(Random random, int[] bases) {
        return bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> 8 + random.nextInt(24));
    }

    @Benchmark
    public Cidr trie4() {
        return trie.longest4(queries4[next++ & (QUERIES - 1)]);
    }

    @Benchmark
    public Cidr trie6() {
        int q = next++ & (QUERIES - 1);
        return trie.longest6(queriesHigh[q], queriesLow[q]);
    }

    @Benchmark
    public int verdict() {
        return verdict(next++ & (QUERIES - 1));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OperationsPerInvocation(16)
    public int verdictSampled() {
        int sum = 0;
        for (int i = 0; i < 16; i++) {
            sum += verdict(next++ & (QUERIES - 1));
        }
        return sum;
    }

    /** 1 allowed, 0 denied by a deny rule, -1 denied for want of an allow rule. */
    private int verdict(int q) {
        int rule = RuleSet.firstCommon(sources.matching4(queries4[q]), destinations[queryDestinations[q]],
                ports.matching(PortTable.TCP, queryPorts[q]));
        return rule < 0 ? -1 : rule < denyRules ? 0 : 1;
    }
}
