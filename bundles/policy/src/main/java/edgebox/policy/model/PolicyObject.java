package edgebox.policy.model;

/** An object the policy bundle reads: a policy or a CIDR group. */
public sealed interface PolicyObject permits Policy, CidrGroup {

    /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-wide object, as problems name it. */
    String displayName();
}
