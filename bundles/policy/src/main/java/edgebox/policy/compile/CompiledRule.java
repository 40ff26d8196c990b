package edgebox.policy.compile;

import java.util.List;

import edgebox.policy.model.Policy;

/**
 * One numbered unit of a compiled policy: an ingress or ingressDeny entry of a rule, cut per toPorts entry when
 * that entry carries rules.http or rules.dns (its requests are then checked against {@code http}, its DNS questions
 * against {@code dns}). {@code field} is where its author wrote it, e.g. {@code spec.ingress[0]} or
 * {@code specs[1].ingressDeny[0]}.
 */
public record CompiledRule(int number, Policy policy, String field, Kind kind, List<HttpMatcher> http,
        List<DnsMatcher> dns) {

    /** In the order a destination tries them: the first that matches decides. */
    public enum Kind {
        DENY(Verdicts.DENY), AUDIT_DENY(Verdicts.AUDIT), ALLOW(Verdicts.ALLOW), L7_ALLOW(Verdicts.L7);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    public CompiledRule {
        http = List.copyOf(http);
        dns = List.copyOf(dns);
    }

    /** {@code CiliumNetworkPolicy default/allow-web spec.ingress[0]}. */
    @Override
    public String toString() {
        return policy.displayName() + " " + field;
    }
}
