package edgebox.objects.parse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import edgebox.api.objects.KubeObject;
import edgebox.api.objects.Meta;

/**
 * Turns a manifest object (nested maps, as YAML or {@code FlatProperties.unflatten} gives it) into a validated
 * {@link KubeObject}, or the problems that refuse it, each naming its field. A pure function.
 */
public final class Parser {

    /** The result: an object, or problems (never both). */
    public record Parsed(KubeObject object, List<Problem> problems) {

        public Parsed {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** apiVersion + " " + kind of everything this parser reads. */
    public static final Set<String> KINDS = Set.of(
            "gateway.networking.k8s.io/v1 Gateway", "gateway.networking.k8s.io/v1beta1 Gateway",
            "gateway.networking.k8s.io/v1 HTTPRoute", "gateway.networking.k8s.io/v1beta1 HTTPRoute",
            "gateway.networking.k8s.io/v1 GRPCRoute", "gateway.networking.k8s.io/v1alpha2 GRPCRoute",
            "gateway.networking.k8s.io/v1alpha2 TLSRoute", "gateway.networking.k8s.io/v1alpha3 TLSRoute",
            "gateway.networking.k8s.io/v1 TLSRoute",
            "gateway.networking.k8s.io/v1beta1 ReferenceGrant", "gateway.networking.k8s.io/v1 ReferenceGrant",
            "gateway.networking.k8s.io/v1alpha3 BackendTLSPolicy", "gateway.networking.k8s.io/v1 BackendTLSPolicy",
            "v1 ConfigMap", "v1 Service", "discovery.k8s.io/v1 EndpointSlice", "v1 Secret", "v1 Namespace", "v1 Pod",
            "cilium.io/v2alpha1 CiliumLoadBalancerIPPool", "cilium.io/v2 CiliumLoadBalancerIPPool");

    /** Kinds without a namespace. */
    public static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CiliumLoadBalancerIPPool");

    static final Pattern DNS_LABELS =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern HOSTNAME =
            Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern SECTION_NAME = DNS_LABELS;

    private Parser() {
    }

    public static Parsed parse(Map<String, ?> content) {
        List<Problem> problems = new ArrayList<>();
        In root = In.root(content, problems);
        String apiVersion = root.required("apiVersion");
        String kind = root.required("kind");
        if (apiVersion == null || kind == null) {
            return new Parsed(null, problems);
        }
        if (!KINDS.contains(apiVersion + " " + kind)) {
            return new Parsed(null, List.of(new Problem("kind", "unsupported: " + apiVersion + " " + kind)));
        }
        Meta meta = meta(root.at("metadata"), CLUSTER_SCOPED.contains(kind));
        In spec = root.at("spec");
        KubeObject r = switch (kind) {
            case "Gateway" -> GatewayParser.gateway(meta, spec);
            case "HTTPRoute", "GRPCRoute", "TLSRoute" -> RouteParser.route(kind, meta, spec);
            case "ReferenceGrant" -> BackendParser.referenceGrant(meta, spec);
            case "Service" -> BackendParser.service(meta, root);
            case "EndpointSlice" -> BackendParser.endpointSlice(meta, root);
            case "Namespace" -> ClusterParser.namespace(meta);
            case "Pod" -> ClusterParser.pod(meta, root);
            case "CiliumLoadBalancerIPPool" -> ClusterParser.pool(meta, spec);
            case "BackendTLSPolicy" -> PolicyParser.backendTlsPolicy(meta, spec);
            case "ConfigMap" -> PolicyParser.configMap(meta, root);
            default -> BackendParser.secret(meta, root);
        };
        return problems.isEmpty() ? new Parsed(r, List.of()) : new Parsed(null, problems);
    }

    static Meta meta(In m, boolean clusterScoped) {
        String namespace = clusterScoped ? "" : m.str("namespace", "default");
        String name = m.required("name");
        if (name != null && (name.length() > 253 || !DNS_LABELS.matcher(name).matches())) {
            m.problem("name", "must be a lower case DNS name, got \"" + name + "\"");
        }
        if (!clusterScoped && (!DNS_LABELS.matcher(namespace).matches() || namespace.length() > 63)) {
            m.problem("namespace", "must be a lower case DNS label, got \"" + namespace + "\"");
        }
        Instant created = null;
        String ts = m.str("creationTimestamp");
        if (ts != null) {
            try {
                created = Instant.parse(ts);
            } catch (DateTimeParseException e) {
                m.problem("creationTimestamp", "must be an RFC 3339 time, got \"" + ts + "\"");
            }
        }
        return new Meta(namespace, name == null ? "" : name, created, m.stringMap("labels"),
                m.stringMap("annotations"), 0);
    }

    /** A hostname as Gateway API writes it (lower case, optional leading {@code *.}). */
    static String hostname(In node, String key, boolean wildcard) {
        String h = node.str(key);
        if (h == null) {
            return "";
        }
        if (h.length() > 253 || !(wildcard ? HOSTNAME : DNS_LABELS).matcher(h).matches()) {
            node.problem(key, "must be a lower case " + (wildcard ? "hostname, optionally starting with \"*.\""
                    : "hostname without wildcard") + ", got \"" + h + "\"");
            return "";
        }
        return h;
    }
}
