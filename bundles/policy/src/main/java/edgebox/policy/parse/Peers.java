package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.Entity;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.PortRule;

/** Reads a Cilium ingress or ingressDeny rule: its peers (from*) and its toPorts. */
final class Peers {

    private static final List<String> FIELDS =
            List.of("fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities", "toPorts");

    private static final Map<String, String> REFUSED = Map.of(
            "fromRequires", "fromRequires is not supported (Cilium deprecates it)",
            "fromNodes", "the box selects no Kubernetes nodes",
            "fromGroups", "cloud provider groups are not supported",
            "icmps", "ICMP rules are not supported: the box enforces TCP and UDP only",
            "authentication", "mutual authentication is not supported");

    private Peers() {
    }

    static IngressRule ingress(In node, boolean deny) {
        node.only(FIELDS, REFUSED);
        List<LabelSelector> endpoints = new ArrayList<>();
        for (In s : node.list("fromEndpoints")) {
            endpoints.add(Selectors.plain(s));
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (In c : node.list("fromCIDR")) {
            cidr(c).ifPresent(cidrs::add);
        }
        List<CidrSet> sets = new ArrayList<>();
        for (In s : node.list("fromCIDRSet")) {
            cidrSet(s).ifPresent(sets::add);
        }
        Set<Entity> entities = EnumSet.noneOf(Entity.class);
        for (In e : node.list("fromEntities")) {
            String text = e.text();
            if (text == null) {
                continue;
            }
            Optional<Entity> entity = Entity.of(text);
            if (entity.isEmpty()) {
                e.problem("entity \"" + text + "\" means nothing at the edge: the box knows world, host and all");
            }
            entity.ifPresent(entities::add);
        }
        List<PortRule> ports = new ArrayList<>();
        for (In p : node.list("toPorts")) {
            ports.add(Ports.toPorts(p, deny));
        }
        return new IngressRule(endpoints, cidrs, sets, entities, ports);
    }

    /** A fromCIDRSet entry: {@code cidr} or {@code cidrGroupRef}, and {@code except} blocks inside the cidr. */
    private static Optional<CidrSet> cidrSet(In node) {
        node.only(List.of("cidr", "cidrGroupRef", "except"), Map.of(
                "cidrGroupSelector", "cidrGroupSelector is not supported: name the group with cidrGroupRef"));
        boolean hasCidr = node.has("cidr");
        boolean hasRef = node.has("cidrGroupRef");
        if (hasCidr == hasRef && !node.has("cidrGroupSelector")) {
            node.problem("needs exactly one of cidr and cidrGroupRef");
        }
        if (hasCidr == hasRef) {
            return Optional.empty();
        }
        Optional<Cidr> cidr = hasCidr ? cidr(node.at("cidr")) : Optional.empty();
        String ref = hasRef ? node.required("cidrGroupRef") : "";
        List<Cidr> except = new ArrayList<>();
        for (In e : node.list("except")) {
            Optional<Cidr> x = cidr(e);
            if (x.isPresent() && cidr.isPresent() && !inside(x.get(), cidr.get())) {
                e.problem(x.get() + " is not inside " + cidr.get());
            }
            x.ifPresent(except::add);
        }
        if (hasCidr && cidr.isEmpty() || hasRef && ref == null) {
            return Optional.empty();
        }
        return Optional.of(hasCidr ? CidrSet.of(cidr.get(), except) : CidrSet.group(ref, except));
    }

    static Optional<Cidr> cidr(In node) {
        String text = node.text();
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cidr.parse(text));
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return Optional.empty();
        }
    }

    static boolean inside(Cidr inner, Cidr outer) {
        return inner.ipv4() == outer.ipv4() && inner.prefix() >= outer.prefix() && outer.contains(inner.base());
    }
}
