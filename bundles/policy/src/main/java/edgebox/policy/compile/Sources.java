package edgebox.policy.compile;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.policy.identity.Identity;
import edgebox.policy.index.CidrTerm;
import edgebox.policy.index.PrefixTrie;
import edgebox.policy.model.CidrGroup;

/**
 * Who a client is, known by its address: the box's own addresses are {@link Identity#HOST}; an address inside a
 * CiliumCIDRGroup's externalCIDRs has the group's labels (the longest block wins when groups overlap; of two groups
 * naming the same block, the first by name keeps it); every other address is {@link Identity#WORLD}. Group
 * identities are numbered from {@link #FIRST_GROUP_ID}, as Cilium numbers its node-local CIDR identities.
 */
final class Sources {

    static final int FIRST_GROUP_ID = 1 << 24;

    private static final List<Cidr> EVERYWHERE = List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0"));

    private final Map<Cidr, Identity> owners;
    private final Map<Identity, CidrGroup> groups;
    private final PrefixTrie<Identity> trie;
    private final List<ConfigProblem> problems;

    private Sources(Map<Cidr, Identity> owners, Map<Identity, CidrGroup> groups, List<ConfigProblem> problems) {
        this.owners = owners;
        this.groups = groups;
        this.trie = PrefixTrie.of(owners);
        this.problems = problems;
    }

    /** {@code groups} sorted by name; {@code hostAddresses} the box's own. */
    static Sources of(List<CidrGroup> groups, Set<InetAddress> hostAddresses) {
        Map<Cidr, Identity> owners = new LinkedHashMap<>();
        Map<Identity, CidrGroup> byIdentity = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (InetAddress a : hostAddresses) {
            owners.put(new Cidr(a, a.getAddress().length * 8), Identity.HOST);
        }
        for (CidrGroup g : groups) {
            Identity identity = new Identity(FIRST_GROUP_ID + byIdentity.size(), "", g.labels());
            byIdentity.put(identity, g);
            for (int i = 0; i < g.externalCidrs().size(); i++) {
                Cidr block = g.externalCidrs().get(i);
                Identity kept = owners.putIfAbsent(block, identity);
                if (kept != null && kept != identity) {
                    problems.add(ConfigProblem.of(g.displayName(), "spec.externalCIDRs[" + i + "]", block
                            + " is also " + (kept == Identity.HOST ? "an address of the box itself"
                            : "in " + byIdentity.get(kept).displayName()) + ", whose labels its clients keep"));
                }
            }
        }
        return new Sources(Map.copyOf(owners), Map.copyOf(byIdentity), List.copyOf(problems));
    }

    Identity of(int v4) {
        Identity i = trie.longest4(v4);
        return i == null ? Identity.WORLD : i;
    }

    Identity of(InetAddress address) {
        Identity i = trie.longest(address);
        return i == null ? Identity.WORLD : i;
    }

    /** The group whose labels a source identity carries, null for the reserved ones. */
    CidrGroup group(Identity identity) {
        return groups.get(identity);
    }

    /** The client identities: host, world and one per group. */
    List<Identity> identities() {
        List<Identity> all = new ArrayList<>(List.of(Identity.HOST, Identity.WORLD));
        all.addAll(groups.keySet());
        all.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return all;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * The address terms of rule {@code rule} that hold exactly the clients of {@code identities}: each block one of
     * them owns, less the blocks inside it that others own; for world, everything less every owned block.
     */
    List<CidrTerm> terms(int rule, Set<Identity> identities) {
        List<CidrTerm> terms = new ArrayList<>();
        owners.forEach((block, owner) -> {
            if (identities.contains(owner)) {
                terms.add(new CidrTerm(rule, block, inside(block, identities)));
            }
        });
        if (identities.contains(Identity.WORLD)) {
            for (Cidr everywhere : EVERYWHERE) {
                if (!owners.containsKey(everywhere)) {
                    terms.add(new CidrTerm(rule, everywhere, inside(everywhere, identities)));
                }
            }
        }
        return terms;
    }

    static List<CidrTerm> everywhere(int rule) {
        return EVERYWHERE.stream().map(c -> new CidrTerm(rule, c)).toList();
    }

    private List<Cidr> inside(Cidr block, Set<Identity> identities) {
        List<Cidr> out = new ArrayList<>();
        owners.forEach((other, owner) -> {
            if (!identities.contains(owner) && other.ipv4() == block.ipv4() && other.prefix() > block.prefix()
                    && block.contains(other.base())) {
                out.add(other);
            }
        });
        return out;
    }
}
