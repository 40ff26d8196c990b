package edgebox.policy.compile;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import edgebox.api.config.ConfigProblem;
import edgebox.policy.identity.Destinations;
import edgebox.policy.identity.Identity;
import edgebox.policy.index.FirstMatchTable;
import edgebox.policy.model.Policy;

/**
 * The compiled policies of one snapshot, immutable, asked by the data paths without locks. Destination identities
 * must come from the {@link Destinations} it was compiled with ({@link #destinations()}). {@link #verdict} answers
 * an L3/L4 question from the destination's own rules and allocates nothing (an IPv4 one straight from the
 * destination's precomputed {@link FirstMatchTable} where it has one); an {@link Verdicts#L7} answer sends
 * each HTTP request of the connection to {@link #request}, each DNS question to {@link #query}; {@link #trace}
 * explains either in words.
 */
public final class PolicyTable {

    private final CompiledRule[] rules;
    private final DestinationRules[] byId;
    private final FirstMatchTable[] precomputedById;
    private final Sources sources;
    private final Destinations destinations;
    private final List<ConfigProblem> problems;

    PolicyTable(CompiledRule[] rules, DestinationRules[] byId, Sources sources, Destinations destinations,
            List<ConfigProblem> problems) {
        this.rules = rules;
        this.byId = byId;
        this.precomputedById = Arrays.stream(byId).map(d -> d == null ? null : d.answers())
                .toArray(FirstMatchTable[]::new);
        this.sources = sources;
        this.destinations = destinations;
        this.problems = List.copyOf(problems);
    }

    /** The L3/L4 verdict for an IPv4 client (big-endian) reaching {@code destination} on an IP protocol's port. */
    public int verdict(int source, Identity destination, int protocol, int port) {
        int id = destination.id();
        FirstMatchTable precomputed = id >= 0 && id < precomputedById.length ? precomputedById[id] : null;
        if (precomputed != null) {
            return precomputed.answer4(source, protocol, port);
        }
        DestinationRules d = rulesOf(destination);
        return d == null ? Verdicts.of(Verdicts.ALLOW, -1) : d.verdict4(source, protocol, port);
    }

    /** The same for an IPv6 client (its first and last eight bytes); an IPv4-mapped one is read as IPv4. */
    public int verdict(long sourceHigh, long sourceLow, Identity destination, int protocol, int port) {
        if (sourceHigh == 0 && sourceLow >>> 32 == 0xffffL) {
            return verdict((int) sourceLow, destination, protocol, port);
        }
        DestinationRules d = rulesOf(destination);
        return d == null ? Verdicts.of(Verdicts.ALLOW, -1) : d.verdict6(sourceHigh, sourceLow, protocol, port);
    }

    /**
     * An HTTP request on a TCP connection whose verdict was {@link Verdicts#L7}: allowed by the first L7 rule the
     * client and port match whose rules.http match the request; else denied, or audited when every such rule is of
     * an audit-mode policy. Header names in lower case. Other connections answer as {@link #verdict} does.
     */
    public int request(InetAddress source, Identity destination, int port, String method, String path,
            Map<String, List<String>> headers) {
        return l7(source, destination, 6, port, rule -> {
            for (HttpMatcher http : rule.http()) {
                if (http.matches(method, path, headers)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * A DNS question for {@code name} to the box's resolver at {@code destination} (the host), asked on a connection
     * or datagram whose verdict was {@link Verdicts#L7}: allowed by the first L7 rule the client, protocol and port
     * match whose rules.dns match the name (made lower case and absolute first); else denied, or audited when every
     * such rule is of an audit-mode policy. Other connections answer as {@link #verdict} does.
     */
    public int query(InetAddress source, Identity destination, int protocol, int port, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String absolute = lower.endsWith(".") ? lower : lower + ".";
        return l7(source, destination, protocol, port, rule -> {
            for (DnsMatcher dns : rule.dns()) {
                if (dns.matches(absolute)) {
                    return true;
                }
            }
            return false;
        });
    }

    private int l7(InetAddress source, Identity destination, int protocol, int port, Predicate<CompiledRule> admits) {
        int verdict = verdict(source, destination, protocol, port);
        if (Verdicts.code(verdict) != Verdicts.L7) {
            return verdict;
        }
        DestinationRules d = rulesOf(destination);
        int[] matching = d.l7Matching(d.sources().matching(source), d.ports().matching(protocol, port));
        int firstEnforced = -1;
        for (int local : matching) {
            CompiledRule rule = rules[d.global()[local]];
            if (admits.test(rule)) {
                return Verdicts.of(Verdicts.ALLOW, rule.number());
            }
            if (firstEnforced < 0 && !rule.policy().audit()) {
                firstEnforced = rule.number();
            }
        }
        return firstEnforced >= 0 ? Verdicts.of(Verdicts.DENY, firstEnforced)
                : Verdicts.of(Verdicts.AUDIT, d.global()[matching[0]]);
    }

    /** {@link #verdict} for an address the caller holds as an object (the control plane; allocates). */
    public int verdict(InetAddress source, Identity destination, int protocol, int port) {
        byte[] b = source.getAddress();
        if (b.length == 4) {
            return verdict(ByteBuffer.wrap(b).getInt(), destination, protocol, port);
        }
        ByteBuffer w = ByteBuffer.wrap(b);
        return verdict(w.getLong(), w.getLong(), destination, protocol, port);
    }

    /**
     * A readable account of the verdict: {@code method} null for an L3/L4 question only, else the TCP request
     * {@code method path} is asked as {@link #request} asks it, without headers.
     */
    public Trace trace(InetAddress source, Identity destination, int protocol, int port, String method, String path) {
        int verdict = method == null || protocol != 6 ? verdict(source, destination, protocol, port)
                : request(source, destination, port, method, path, Map.of());
        String asked = method == null ? null : method + " " + path;
        return Trace.of(this, verdict, source, destination, protocol, port, asked);
    }

    /** A readable account of the DNS question for {@code name}, asked as {@link #query} asks it. */
    public Trace traceQuery(InetAddress source, Identity destination, int protocol, int port, String name) {
        int verdict = query(source, destination, protocol, port, name);
        return Trace.of(this, verdict, source, destination, protocol, port, "name " + name);
    }

    /** The compiled rule numbered {@code number} (as {@link Verdicts#rule} gives it). */
    public CompiledRule rule(int number) {
        return rules[number];
    }

    public int ruleCount() {
        return rules.length;
    }

    /** Who a client is: its CIDR group's identity, host, or world. */
    public Identity sourceOf(InetAddress address) {
        return sources.of(address);
    }

    Sources sources() {
        return sources;
    }

    public Destinations destinations() {
        return destinations;
    }

    /** Policies left out, and references to CIDR groups that do not exist, each naming object, field, reason. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The policies that select a destination for ingress, none when everything may reach it. */
    public List<Policy> selecting(Identity destination) {
        DestinationRules d = rulesOf(destination);
        return d == null ? List.of() : d.selecting();
    }

    /** The policies whose default deny refuses what no rule allows at a destination. */
    public List<Policy> defaultDenying(Identity destination) {
        DestinationRules d = rulesOf(destination);
        return d == null ? List.of() : d.defaultDeny();
    }

    /** The compiled rules of a destination, null when no policy selects it for ingress. */
    DestinationRules rulesOf(Identity destination) {
        int id = destination.id();
        return id >= 0 && id < byId.length ? byId[id] : null;
    }
}
