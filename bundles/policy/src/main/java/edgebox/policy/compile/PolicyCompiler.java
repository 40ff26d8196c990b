package edgebox.policy.compile;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.policy.identity.Destinations;
import edgebox.policy.identity.Identity;
import edgebox.policy.identity.IdentitySelector;
import edgebox.policy.index.CidrRuleIndex;
import edgebox.policy.index.CidrTerm;
import edgebox.policy.index.PortTable;
import edgebox.policy.index.PortTerm;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.Entity;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyKind;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Rule;

/**
 * Compiles checked policies (as the parse package gives them: selectors, HTTP and DNS patterns already valid), the CIDR
 * groups that label client networks, and a snapshot's destinations into the {@link PolicyTable} the data paths
 * ask. A cidrGroupRef naming no group matches no client, as in Cilium, and is reported as a problem naming the
 * policy, the field and the reason. fromEndpoints selectors select client networks by their group's labels, never
 * the reserved identities (those are named with fromEntities).
 */
public final class PolicyCompiler {

    /** A compiled rule with the address and port terms of its peers, numbered as the rule is. */
    private record Draft(CompiledRule rule, IdentitySelector selects, Rule written, List<CidrTerm> peers,
            List<PortTerm> ports) {
    }

    private final Sources sources;
    private final Map<String, CidrGroup> groups;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<Draft> drafts = new ArrayList<>();

    private PolicyCompiler(Sources sources, Map<String, CidrGroup> groups) {
        this.sources = sources;
        this.groups = groups;
    }

    public static PolicyTable compile(List<Policy> policies, List<CidrGroup> cidrGroups, Destinations destinations) {
        List<CidrGroup> byName = cidrGroups.stream().sorted(Comparator.comparing(CidrGroup::name)).toList();
        Set<InetAddress> host = destinations.addresses().entrySet().stream()
                .filter(e -> e.getValue() == Identity.HOST).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        PolicyCompiler c = new PolicyCompiler(Sources.of(byName, host),
                byName.stream().collect(Collectors.toMap(CidrGroup::name, g -> g, (a, b) -> a)));
        c.problems.addAll(c.sources.problems());
        for (Policy p : policies.stream().sorted(Comparator.comparing(Policy::kind)
                .thenComparing(Policy::namespace).thenComparing(Policy::name)).toList()) {
            c.add(p);
        }
        List<Identity> targets = new ArrayList<>(List.of(Identity.HOST, Identity.WORLD));
        targets.addAll(destinations.identities());
        DestinationRules[] byId = new DestinationRules[Identity.FIRST_ALLOCATED + destinations.identities().size()];
        for (Identity d : targets) {
            byId[d.id()] = c.destination(d);
        }
        return new PolicyTable(c.drafts.stream().map(Draft::rule).toArray(CompiledRule[]::new), byId, c.sources,
                destinations, c.problems);
    }

    private void add(Policy policy) {
        List<Draft> mine = new ArrayList<>();
        for (int r = 0; r < policy.rules().size(); r++) {
            Rule rule = policy.rules().get(r);
            String at = policy.rules().size() == 1 ? "spec" : "specs[" + r + "]";
            IdentitySelector selects = IdentitySelector.of(rule.endpointSelector());
            rules(policy, rule, selects, at + ".ingressDeny", rule.ingressDeny(), true, mine);
            rules(policy, rule, selects, at + ".ingress", rule.ingress(), false, mine);
        }
        drafts.addAll(mine);
    }

    private void rules(Policy policy, Rule rule, IdentitySelector selects, String field, List<IngressRule> list,
            boolean deny, List<Draft> out) {
        String ports = policy.kind() == PolicyKind.NETWORK_POLICY ? ".ports" : ".toPorts";
        for (int i = 0; i < list.size(); i++) {
            IngressRule ir = list.get(i);
            String at = field + "[" + i + "]";
            List<PortRule> plain = ir.toPorts().stream().filter(p -> deny || !p.hasL7Rules()).toList();
            if (ir.toPorts().isEmpty() || !plain.isEmpty()) {
                CompiledRule.Kind kind = !deny ? CompiledRule.Kind.ALLOW
                        : policy.audit() ? CompiledRule.Kind.AUDIT_DENY : CompiledRule.Kind.DENY;
                out.add(draft(new CompiledRule(drafts.size() + out.size(), policy, at, kind, List.of(), List.of()),
                        selects, rule, ir, plain));
            }
            for (int k = 0; k < ir.toPorts().size() && !deny; k++) {
                PortRule pr = ir.toPorts().get(k);
                if (pr.hasL7Rules()) {
                    List<HttpMatcher> http = pr.http().stream().map(HttpMatcher::of).toList();
                    List<DnsMatcher> dns = pr.dns().stream().map(DnsMatcher::of).toList();
                    out.add(draft(new CompiledRule(drafts.size() + out.size(), policy, at + ports + "[" + k + "]",
                            CompiledRule.Kind.L7_ALLOW, http, dns), selects, rule, ir, List.of(pr)));
                }
            }
        }
    }

    private Draft draft(CompiledRule compiled, IdentitySelector selects, Rule rule, IngressRule ir,
            List<PortRule> portRules) {
        List<PortTerm> ports = new ArrayList<>();
        if (portRules.isEmpty()) {
            ports.add(new PortTerm(0, PortTable.ANY, 0));
        }
        for (PortRule pr : portRules) {
            for (PortRange range : pr.ports()) {
                int protocol = switch (range.protocol()) {
                    case TCP -> PortTable.TCP;
                    case UDP -> PortTable.UDP;
                    case ANY -> PortTable.ANY;
                };
                int endPort = range.endPort() == range.port() ? 0 : range.endPort();
                ports.add(range.anyPort() ? new PortTerm(0, protocol, 0)
                        : new PortTerm(0, protocol, range.port(), endPort));
            }
        }
        return new Draft(compiled, selects, rule, peers(compiled.policy(), compiled.field(), ir), ports);
    }

    private List<CidrTerm> peers(Policy policy, String field, IngressRule ir) {
        if (ir.everyPeer()) {
            return Sources.everywhere(0);
        }
        List<CidrTerm> terms = new ArrayList<>();
        Set<Identity> clients = new HashSet<>();
        for (LabelSelector selector : ir.fromEndpoints()) {
            IdentitySelector s = IdentitySelector.of(selector);
            for (Identity client : sources.identities()) {
                if (!client.isReserved() && s.selects(client)) {
                    clients.add(client);
                }
            }
        }
        for (Entity e : ir.fromEntities()) {
            switch (e) {
                case WORLD -> clients.add(Identity.WORLD);
                case HOST -> clients.add(Identity.HOST);
                case ALL -> terms.addAll(Sources.everywhere(0));
            }
        }
        terms.addAll(sources.terms(0, clients));
        for (Cidr c : ir.fromCidr()) {
            terms.add(new CidrTerm(0, c));
        }
        for (int i = 0; i < ir.fromCidrSet().size(); i++) {
            CidrSet set = ir.fromCidrSet().get(i);
            if (set.cidr().isPresent()) {
                terms.add(new CidrTerm(0, set.cidr().get(), set.except()));
            } else if (groups.containsKey(set.cidrGroupRef())) {
                groups.get(set.cidrGroupRef()).externalCidrs().forEach(c -> terms.add(new CidrTerm(0, c)));
            } else {
                problems.add(ConfigProblem.of(policy.displayName(), field + ".fromCIDRSet[" + i + "].cidrGroupRef",
                        "no CiliumCIDRGroup \"" + set.cidrGroupRef() + "\": it matches no client until one exists"));
            }
        }
        return terms;
    }

    /**
     * The entry for one destination: the rules whose selector selects it, numbered in the order they decide. The box
     * itself is selected only by a selector naming it (a host policy's nodeSelector), never by an endpointSelector,
     * even an empty one, as Cilium keeps host policies to nodeSelector.
     */
    private DestinationRules destination(Identity d) {
        List<Draft> mine = drafts.stream()
                .filter(x -> x.selects.selects(d) && (!d.isReserved() || x.selects.namesReserved()))
                .sorted(Comparator.comparing((Draft x) -> x.rule.kind()).thenComparing(x -> x.rule.number()))
                .toList();
        if (mine.isEmpty()) {
            return null;
        }
        List<CidrTerm> cidrs = new ArrayList<>();
        List<PortTerm> ports = new ArrayList<>();
        int[] global = new int[mine.size()];
        int[] verdicts = new int[mine.size()];
        Set<Policy> selecting = new LinkedHashSet<>();
        Set<Policy> defaultDeny = new LinkedHashSet<>();
        boolean enforcedDefault = false;
        for (int local = 0; local < mine.size(); local++) {
            Draft x = mine.get(local);
            global[local] = x.rule.number();
            verdicts[local] = Verdicts.of(x.rule.kind().code, x.rule.number());
            for (CidrTerm t : x.peers) {
                cidrs.add(new CidrTerm(local, t.cidr(), t.except()));
            }
            for (PortTerm t : x.ports) {
                ports.add(new PortTerm(local, t.protocol(), t.port(), t.endPort()));
            }
            selecting.add(x.rule.policy());
            if (x.written.defaultDenyIngress()) {
                defaultDeny.add(x.rule.policy());
                enforcedDefault |= !x.rule.policy().audit();
            }
        }
        int fallback = enforcedDefault ? Verdicts.DENY : defaultDeny.isEmpty() ? Verdicts.ALLOW : Verdicts.AUDIT;
        return DestinationRules.of(CidrRuleIndex.build(mine.size(), cidrs), PortTable.build(mine.size(), ports),
                global, verdicts, fallback, List.copyOf(selecting), List.copyOf(defaultDeny));
    }
}
