package edgebox.policy.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import edgebox.api.config.ManifestKind;

/**
 * The kinds the policy bundle owns and the factory PID each one's configurations live under:
 * {@code edgebox.policy.<kind in lower case>}, named {@code namespace.name} ({@code name} for a cluster-wide kind).
 */
public final class PolicyKinds {

    public static final List<ManifestKind> KINDS = List.of(
            new ManifestKind("cilium.io/v2", "CiliumNetworkPolicy"),
            new ManifestKind("cilium.io/v2", "CiliumClusterwideNetworkPolicy"),
            new ManifestKind("networking.k8s.io/v1", "NetworkPolicy"),
            new ManifestKind("cilium.io/v2", "CiliumCIDRGroup"),
            new ManifestKind("cilium.io/v2alpha1", "CiliumCIDRGroup"));

    public static final String CNP_PID = "edgebox.policy.ciliumnetworkpolicy";
    public static final String CCNP_PID = "edgebox.policy.ciliumclusterwidenetworkpolicy";
    public static final String NETWORK_POLICY_PID = "edgebox.policy.networkpolicy";
    public static final String CIDR_GROUP_PID = "edgebox.policy.ciliumcidrgroup";

    /** Kind -> factory PID. */
    public static final Map<String, String> PIDS = KINDS.stream().map(ManifestKind::kind).distinct()
            .collect(Collectors.toUnmodifiableMap(k -> k, k -> "edgebox.policy." + k.toLowerCase(Locale.ROOT)));

    private static final List<String> CLUSTER_SCOPED = List.of("CiliumClusterwideNetworkPolicy", "CiliumCIDRGroup");

    private PolicyKinds() {
    }

    public static boolean clusterScoped(String kind) {
        return CLUSTER_SCOPED.contains(kind);
    }
}
