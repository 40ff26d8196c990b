package edgebox.policy.compile;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import edgebox.api.objects.LabelSelector;
import edgebox.objects.testing.YamlObjects;
import edgebox.policy.identity.Destinations;
import edgebox.policy.identity.Identity;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyKind;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;
import edgebox.policy.model.Rule;

/**
 * JMH: compiled L3/L4 verdicts ({@link PolicyTable#verdict}) at {@code size} rules over 64 backend Services and 16
 * CIDR groups. Each rule is one CiliumClusterwideNetworkPolicy selecting one Service's backends (at random); its
 * peer is a random IPv4 block (a tenth with an exception) or, every fifth rule, the clients of a CIDR group; its
 * port a common TCP port, any protocol's, or a range; the first tenth are ingressDeny rules. Queries: random
 * clients near the blocks, a common port or one in the ranges, a random backend. {@code verdictSampled} runs
 * batches of 16 in SampleTime mode for percentiles. Run by bench/policy/verdict.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerdictBenchmark {

    private static final int QUERIES = 4096;
    private static final int SERVICES = 64;
    private static final int GROUPS = 16;
    private static final int[] COMMON_PORTS = {22, 53, 80, 443, 993, 3306, 5432, 6379, 8080, 8443, 9090, 9100};

    @Param({"10", "1000", "10000"})
    public int size;

    private PolicyTable table;
    private final int[] sources = new int[QUERIES];
    private final int[] ports = new int[QUERIES];
    private final Identity[] destinations = new Identity[QUERIES];
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(0x7E5D);
        Destinations backends = Destinations.of(YamlObjects.snapshot(services()));
        int[] bases = random.ints(16).toArray();
        List<CidrGroup> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            groups.add(new CidrGroup("clients-" + g, Map.of("team", "t" + g),
                    List.of(new Cidr(address(near(random, bases)), 20 + random.nextInt(9)))));
        }
        List<Policy> policies = new ArrayList<>();
        for (int rule = 0; rule < size; rule++) {
            IngressRule peer = peer(random, bases, rule, port(random, rule));
            LabelSelector selects = new LabelSelector(Map.of("app", "svc-" + random.nextInt(SERVICES)), List.of());
            boolean deny = rule < size / 10;
            policies.add(new Policy(PolicyKind.CCNP, "", "rule-" + rule, false, List.of(new Rule(selects,
                    deny ? List.of() : List.of(peer), deny ? List.of(peer) : List.of(), true, ""))));
        }
        table = PolicyCompiler.compile(policies, groups, backends);
        if (!table.problems().isEmpty()) {
            throw new IllegalStateException(table.problems().toString());
        }
        List<Identity> identities = backends.identities();
        for (int q = 0; q < QUERIES; q++) {
            sources[q] = near(random, bases);
            ports[q] = random.nextInt(4) == 0 ? 30000 + random.nextInt(3000)
                    : COMMON_PORTS[random.nextInt(COMMON_PORTS.length)];
            destinations[q] = identities.get(random.nextInt(identities.size()));
        }
    }

    private static IngressRule peer(Random random, int[] bases, int rule, PortRule port) {
        if (rule % 5 == 1) {
            LabelSelector team = new LabelSelector(Map.of("team", "t" + random.nextInt(GROUPS)), List.of());
            return new IngressRule(List.of(team), List.of(), List.of(), Set.of(), false, List.of(port));
        }
        Cidr block = new Cidr(address(near(random, bases)), 8 + random.nextInt(25));
        List<Cidr> except = new ArrayList<>();
        if (rule % 10 == 3 && block.prefix() < 32) {
            except.add(new Cidr(block.base(), block.prefix() + 1 + random.nextInt(32 - block.prefix())));
        }
        return new IngressRule(List.of(), List.of(), List.of(CidrSet.of(block, except)),
                Set.of(), false, List.of(port));
    }

    private static PortRule port(Random random, int rule) {
        int port = COMMON_PORTS[random.nextInt(COMMON_PORTS.length)];
        PortRange range = rule % 7 == 0 ? new PortRange(30000 + random.nextInt(1000), 32000, Protocol.TCP)
                : new PortRange(port, port, rule % 5 == 0 ? Protocol.ANY : Protocol.TCP);
        return new PortRule(List.of(range), List.of());
    }

    private static String services() {
        StringBuilder yaml = new StringBuilder();
        for (int s = 0; s < SERVICES; s++) {
            yaml.append("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc-%1$d, namespace: default}
                    spec: {selector: {app: svc-%1$d}, ports: [{port: 80, protocol: TCP}]}
                    ---
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata: {name: svc-%1$d, namespace: default, labels: {kubernetes.io/service-name: svc-%1$d}}
                    addressType: IPv4
                    endpoints: [{addresses: ["10.200.%1$d.1"]}]
                    ---
                    """.formatted(s));
        }
        return yaml.toString();
    }

    /** An address sharing a random number of leading bits with one of {@code bases}: blocks nest and cluster. */
    private static int near(Random random, int[] bases) {
        return bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> 8 + random.nextInt(24));
    }

    private static InetAddress address(int v4) {
        return Cidr.fromNumber(BigInteger.valueOf(v4 & 0xffff_ffffL), 4);
    }

    @Benchmark
    public int verdict() {
        int q = next++ & (QUERIES - 1);
        return table.verdict(sources[q], destinations[q], 6, ports[q]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OperationsPerInvocation(16)
    public int verdictSampled() {
        int sum = 0;
        for (int i = 0; i < 16; i++) {
            int q = next++ & (QUERIES - 1);
            sum += table.verdict(sources[q], destinations[q], 6, ports[q]);
        }
        return sum;
    }
}
