package edgebox.objects.manifest;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import edgebox.api.config.ManifestKind;

/** The manifest kinds the object store owns, and the factory PID each becomes. */
public final class Kinds {

    /** The store's own settings: which Gateways are ours, where address-less ones bind. */
    public static final String SETTINGS_PID = "edgebox.objects";

    private static final String GW = "gateway.networking.k8s.io/";

    public static final Set<ManifestKind> MANIFEST_KINDS = Set.of(
            new ManifestKind(GW + "v1", "Gateway"), new ManifestKind(GW + "v1beta1", "Gateway"),
            new ManifestKind(GW + "v1", "HTTPRoute"), new ManifestKind(GW + "v1beta1", "HTTPRoute"),
            new ManifestKind(GW + "v1", "GRPCRoute"), new ManifestKind(GW + "v1alpha2", "GRPCRoute"),
            new ManifestKind(GW + "v1alpha2", "TLSRoute"), new ManifestKind(GW + "v1alpha3", "TLSRoute"),
            new ManifestKind(GW + "v1", "TLSRoute"),
            new ManifestKind(GW + "v1beta1", "ReferenceGrant"), new ManifestKind(GW + "v1", "ReferenceGrant"),
            new ManifestKind("v1", "Service"), new ManifestKind("discovery.k8s.io/v1", "EndpointSlice"),
            new ManifestKind("v1", "Secret"), new ManifestKind("v1", "Namespace"), new ManifestKind("v1", "Pod"),
            new ManifestKind("cilium.io/v2alpha1", "CiliumLoadBalancerIPPool"),
            new ManifestKind("cilium.io/v2", "CiliumLoadBalancerIPPool"));

    /** kind to factory PID: {@code edgebox.objects.httproute}. */
    public static final Map<String, String> PIDS = MANIFEST_KINDS.stream().map(ManifestKind::kind).distinct()
            .collect(Collectors.toUnmodifiableMap(k -> k, Kinds::pid));

    private Kinds() {
    }

    static String pid(String kind) {
        return SETTINGS_PID + "." + kind.toLowerCase(Locale.ROOT);
    }
}
