package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import edgebox.api.net.Cidr;
import edgebox.policy.model.CidrGroup;

/** Reads a {@code cilium.io/v2alpha1} CiliumCIDRGroup: {@code spec.externalCIDRs}, at least one. */
final class CidrGroups {

    private CidrGroups() {
    }

    static CidrGroup group(String name, Map<String, String> labels, In spec) {
        spec.only(List.of("externalCIDRs"), Map.of());
        List<Cidr> cidrs = new ArrayList<>();
        for (In c : spec.list("externalCIDRs")) {
            Peers.cidr(c).ifPresent(cidrs::add);
        }
        if (!spec.has("externalCIDRs")) {
            spec.problem("externalCIDRs", "is required: the client networks of the group");
        }
        return new CidrGroup(name, labels, cidrs);
    }
}
