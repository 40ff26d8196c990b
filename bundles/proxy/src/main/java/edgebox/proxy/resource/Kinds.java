package edgebox.proxy.resource;

import java.util.Map;
import java.util.Set;

import edgebox.api.config.ManifestKind;

/** Which manifest kinds the proxy reads, and the factory PID each becomes. */
public final class Kinds {

    public static final String GATEWAY = "edgebox.proxy.gateway";
    public static final String HTTPROUTE = "edgebox.proxy.httproute";
    public static final String GRPCROUTE = "edgebox.proxy.grpcroute";
    public static final String TLSROUTE = "edgebox.proxy.tlsroute";
    public static final String REFERENCEGRANT = "edgebox.proxy.referencegrant";
    public static final String SERVICE = "edgebox.proxy.service";
    public static final String ENDPOINTSLICE = "edgebox.proxy.endpointslice";
    public static final String SECRET = "edgebox.proxy.secret";

    /** kind to factory PID. */
    static final Map<String, String> PIDS = Map.of("Gateway", GATEWAY, "HTTPRoute", HTTPROUTE,
            "GRPCRoute", GRPCROUTE, "TLSRoute", TLSROUTE, "ReferenceGrant", REFERENCEGRANT, "Service", SERVICE,
            "EndpointSlice", ENDPOINTSLICE, "Secret", SECRET);

    private static final String GW = "gateway.networking.k8s.io/";

    static final Set<ManifestKind> MANIFEST_KINDS = Set.of(
            new ManifestKind(GW + "v1", "Gateway"), new ManifestKind(GW + "v1beta1", "Gateway"),
            new ManifestKind(GW + "v1", "HTTPRoute"), new ManifestKind(GW + "v1beta1", "HTTPRoute"),
            new ManifestKind(GW + "v1", "GRPCRoute"), new ManifestKind(GW + "v1alpha2", "GRPCRoute"),
            new ManifestKind(GW + "v1alpha2", "TLSRoute"), new ManifestKind(GW + "v1alpha3", "TLSRoute"),
            new ManifestKind(GW + "v1", "TLSRoute"),
            new ManifestKind(GW + "v1beta1", "ReferenceGrant"), new ManifestKind(GW + "v1", "ReferenceGrant"),
            new ManifestKind("v1", "Service"), new ManifestKind("discovery.k8s.io/v1", "EndpointSlice"),
            new ManifestKind("v1", "Secret"));

    private Kinds() {
    }
}
