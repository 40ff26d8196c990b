package edgebox.policy.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import edgebox.api.net.Cidr;

/**
 * A CiliumCIDRGroup ({@code cilium.io/v2alpha1}): named client networks. At the edge its metadata labels are the
 * labels of the clients inside its externalCIDRs, so fromEndpoints selectors match them; it can also be named by a
 * fromCIDRSet {@code cidrGroupRef}.
 */
public record CidrGroup(String name, Map<String, String> labels, List<Cidr> externalCidrs) implements PolicyObject {

    public static final String KIND = "CiliumCIDRGroup";

    public CidrGroup {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        externalCidrs = List.copyOf(externalCidrs);
    }

    @Override
    public String displayName() {
        return KIND + " " + name;
    }
}
