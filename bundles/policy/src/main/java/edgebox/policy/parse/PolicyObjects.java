package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.FlatProperties;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyKind;
import edgebox.policy.model.PolicyObject;
import edgebox.policy.model.Rule;

/**
 * Reads the policy bundle's kinds: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, NetworkPolicy and
 * CiliumCIDRGroup, from a manifest object (nested maps, as YAML gives it) or from the flattened properties of a
 * configuration ({@link FlatProperties}), so a manifest and a hand-written .cfg read alike. Every problem names the
 * object, the field and the reason. Pure functions.
 */
public final class PolicyObjects {

    private static final Pattern DNS_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static final String CIDR_GROUP_VERSION = "cilium.io/v2alpha1";

    private PolicyObjects() {
    }

    /** A configuration's properties: the keys Config Admin and edgebox add are left out, the rest unflattened. */
    public static Parsed<PolicyObject> fromProperties(Map<String, ?> properties) {
        Map<String, Object> object;
        try {
            object = FlatProperties.unflatten(FlatProperties.own(properties));
        } catch (IllegalArgumentException e) {
            return new Parsed<>(null, List.of(ConfigProblem.of("", "", e.getMessage())));
        }
        return parse(object);
    }

    public static Parsed<PolicyObject> parse(Map<String, ?> object) {
        List<ConfigProblem> problems = new ArrayList<>();
        In root = In.root(object, problems);
        root.only(List.of("apiVersion", "kind", "metadata", "spec", "specs", "status"), Map.of());
        String apiVersion = root.required("apiVersion");
        String kind = root.required("kind");
        if (apiVersion == null || kind == null) {
            return new Parsed<>(null, problems);
        }
        PolicyKind policyKind = kind(apiVersion, kind);
        boolean group = (CIDR_GROUP_VERSION + " " + CidrGroup.KIND).equals(apiVersion + " " + kind);
        if (policyKind == null && !group) {
            return refused(kind, List.of(ConfigProblem.of("", "kind", "unsupported: " + apiVersion + " " + kind)));
        }
        In meta = root.at("metadata");
        boolean namespaced = policyKind != null && policyKind.namespaced();
        String name = name(meta);
        String namespace = namespaced ? namespace(meta) : "";
        String display = kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
        if (policyKind != null && policyKind != PolicyKind.CNP && root.has("specs")) {
            root.problem("specs", "only a CiliumNetworkPolicy has specs");
        }
        if (policyKind == PolicyKind.NETWORK_POLICY && !root.has("spec")) {
            root.problem("spec", "is required");
        }
        PolicyObject out;
        if (group) {
            out = CidrGroups.group(name, meta.stringMap("labels"), root.at("spec"));
        } else {
            boolean audit = audit(meta);
            List<Rule> rules = policyKind == PolicyKind.NETWORK_POLICY
                    ? List.of(NetworkPolicies.rule(root.at("spec"), namespace))
                    : CiliumRules.rules(root, namespace);
            out = new Policy(policyKind, namespace, name, audit, rules);
        }
        return problems.isEmpty() ? new Parsed<>(out, List.of()) : refused(display, problems);
    }

    private static PolicyKind kind(String apiVersion, String kind) {
        for (PolicyKind k : PolicyKind.values()) {
            if (k.apiVersion().equals(apiVersion) && k.kind().equals(kind)) {
                return k;
            }
        }
        return null;
    }

    private static String name(In meta) {
        String name = meta.required("name");
        if (name != null && (name.length() > 253 || !DNS_NAME.matcher(name).matches())) {
            meta.problem("name", "must be a lower case DNS name, got \"" + name + "\"");
        }
        return name == null ? "" : name;
    }

    private static String namespace(In meta) {
        String namespace = meta.str("namespace");
        if (namespace == null || namespace.isEmpty()) {
            return "default";
        }
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            meta.problem("namespace", "must be a lower case DNS label, got \"" + namespace + "\"");
        }
        return namespace;
    }

    /** The annotation {@value Policy#AUDIT_ANNOTATION}: {@code "true"} or {@code "false"}, false when absent. */
    private static boolean audit(In meta) {
        String value = meta.stringMap("annotations").get(Policy.AUDIT_ANNOTATION);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (!value.equals("true")) {
            meta.at("annotations").problemEntry(Policy.AUDIT_ANNOTATION,
                    "must be \"true\" or \"false\", got \"" + value + "\"");
        }
        return value.equals("true");
    }

    private static Parsed<PolicyObject> refused(String object, List<ConfigProblem> problems) {
        List<ConfigProblem> named = new ArrayList<>();
        for (ConfigProblem p : problems) {
            named.add(ConfigProblem.of(object, p.field(), p.reason()));
        }
        return new Parsed<>(null, named);
    }
}
