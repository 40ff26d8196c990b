package edgebox.policy.model;

import java.util.List;
import java.util.Objects;

/**
 * One policy object as its author wrote it, after checking. A NetworkPolicy is held as the one Cilium rule it
 * means. {@code namespace} is empty for a cluster-wide policy. {@code audit} comes from the annotation
 * {@value #AUDIT_ANNOTATION}: the policy's would-be denies are logged and counted, not enforced.
 */
public record Policy(PolicyKind kind, String namespace, String name, boolean audit, List<Rule> rules)
        implements PolicyObject {

    public static final String AUDIT_ANNOTATION = "edgebox.io/policy-audit";

    public Policy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
    }

    @Override
    public String displayName() {
        return kind.kind() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
