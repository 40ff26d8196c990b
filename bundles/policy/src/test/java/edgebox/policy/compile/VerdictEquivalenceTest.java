package edgebox.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.objects.testing.YamlObjects;
import edgebox.policy.identity.Destinations;
import edgebox.policy.identity.Identity;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.Entity;
import edgebox.policy.model.HttpRule;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyKind;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;
import edgebox.policy.model.Rule;

/**
 * The precomputed verdicts of every destination agree with intersecting its source and port rule sets, over random
 * policies (allows, denies, audit mode, L7 rules, default deny on and off, CIDR blocks with exceptions in both
 * families, CIDR groups, entities, ports, ranges and protocols) and random clients, protocols and ports.
 */
class VerdictEquivalenceTest {

    static final int SERVICES = 6;
    static final int[] PROTOCOLS = {6, 17, 132, 1};
    static final int[] PORTS = {0, 22, 53, 80, 443, 8080, 65535};

    @Test
    void precomputedVerdictsAnswerAsIntersectingRuleSets() {
        Random random = new Random(0xE9);
        Destinations destinations = Destinations.of(YamlObjects.snapshot(services()));
        int precomputed = 0;
        for (int round = 0; round < 60; round++) {
            int[] bases = random.ints(4).toArray();
            List<CidrGroup> groups = new ArrayList<>();
            for (int g = 0; g < 4; g++) {
                groups.add(new CidrGroup("group-" + g, Map.of("team", "t" + g), List.of(v4Block(random, bases),
                        v6Block(random, bases))));
            }
            List<Policy> policies = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(40); p++) {
                policies.add(policy(random, bases, p));
            }
            PolicyTable table = PolicyCompiler.compile(policies, groups, destinations);
            List<Identity> targets = new ArrayList<>(destinations.identities());
            targets.add(Identity.HOST);
            targets.add(Identity.WORLD);
            for (Identity target : targets) {
                DestinationRules d = table.rulesOf(target);
                if (d == null) {
                    continue;
                }
                precomputed += d.answers() == null ? 0 : 1;
                for (int q = 0; q < 400; q++) {
                    int protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
                    int port = random.nextBoolean() ? PORTS[random.nextInt(PORTS.length)] : random.nextInt(1200);
                    int source = near(random, bases);
                    assertEquals(d.walk4(source, protocol, port), d.verdict4(source, protocol, port),
                            () -> target + " from " + Integer.toHexString(source) + " on " + protocol + "/" + port);
                    long high = (long) near(random, bases) << 32 ^ (random.nextLong() >>> random.nextInt(65));
                    long low = random.nextLong();
                    assertEquals(d.walk6(high, low, protocol, port), d.verdict6(high, low, protocol, port));
                }
            }
        }
        assertTrue(precomputed > 100, precomputed + " destinations precomputed");
    }

    static Policy policy(Random random, int[] bases, int p) {
        LabelSelector selects = random.nextInt(8) == 0 ? new LabelSelector(Map.of(), List.of())
                : new LabelSelector(Map.of("app", "svc-" + random.nextInt(SERVICES)), List.of());
        List<IngressRule> allow = new ArrayList<>();
        List<IngressRule> deny = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            (random.nextInt(4) == 0 ? deny : allow).add(ingress(random, bases));
        }
        Rule rule = new Rule(selects, allow, deny, random.nextInt(5) != 0, "");
        return new Policy(PolicyKind.CCNP, "", "p-" + p, random.nextInt(5) == 0, List.of(rule));
    }

    static IngressRule ingress(Random random, int[] bases) {
        List<PortRule> ports = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            ports.add(portRule(random));
        }
        return switch (random.nextInt(6)) {
            case 0 -> new IngressRule(List.of(new LabelSelector(Map.of("team", "t" + random.nextInt(4)), List.of())),
                    List.of(), List.of(), Set.of(), false, ports);
            case 1 -> new IngressRule(List.of(), List.of(), List.of(), Set.of(Entity.values()[random.nextInt(3)]),
                    false, ports);
            case 2 -> new IngressRule(List.of(), List.of(), List.of(), Set.of(), true, ports.isEmpty()
                    ? List.of(portRule(random)) : ports);
            default -> {
                List<CidrSet> sets = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    Cidr block = random.nextInt(4) == 0 ? v6Block(random, bases) : v4Block(random, bases);
                    List<Cidr> except = new ArrayList<>();
                    int width = block.ipv4() ? 32 : 128;
                    if (random.nextInt(3) == 0 && block.prefix() < width) {
                        except.add(new Cidr(block.base(), block.prefix() + 1 + random.nextInt(width - block.prefix())));
                    }
                    sets.add(CidrSet.of(block, except));
                }
                yield new IngressRule(List.of(), List.of(), sets, Set.of(), false, ports);
            }
        };
    }

    static PortRule portRule(Random random) {
        Protocol protocol = Protocol.values()[random.nextInt(Protocol.values().length)];
        int port = PORTS[random.nextInt(PORTS.length)];
        PortRange range = switch (random.nextInt(4)) {
            case 0 -> PortRange.every(protocol);
            case 1 -> new PortRange(100 + random.nextInt(500), 600 + random.nextInt(500), protocol);
            default -> port == 0 ? PortRange.every(protocol) : new PortRange(port, port, protocol);
        };
        List<HttpRule> http = protocol == Protocol.TCP && random.nextInt(4) == 0
                ? List.of(new HttpRule("GET", "/.*", List.of())) : List.of();
        return new PortRule(List.of(range), http);
    }

    static Cidr v4Block(Random random, int[] bases) {
        int address = near(random, bases);
        return new Cidr(Cidr.fromNumber(BigInteger.valueOf(address & 0xffff_ffffL), 4), 8 + random.nextInt(25));
    }

    static Cidr v6Block(Random random, int[] bases) {
        long high = (long) near(random, bases) << 32 ^ (random.nextLong() >>> random.nextInt(65));
        byte[] raw = ByteBuffer.allocate(16).putLong(high).putLong(random.nextLong()).array();
        try {
            return new Cidr(InetAddress.getByAddress(raw), 16 + random.nextInt(113));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static int near(Random random, int[] bases) {
        return bases[random.nextInt(bases.length)] ^ (random.nextInt() >>> 4 + random.nextInt(29));
    }

    static String services() {
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
}
