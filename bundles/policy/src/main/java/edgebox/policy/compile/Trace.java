package edgebox.policy.compile;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

import edgebox.api.net.Cidr;
import edgebox.policy.identity.Identity;
import edgebox.policy.model.CidrGroup;
import edgebox.policy.model.Policy;

/**
 * Why a verdict is what it is, as {@code policy:trace} prints it: the verdict, the identities of both ends with
 * their labels, the policies that select the destination, and the policy and rule that decided (or why none did).
 */
public record Trace(int verdict, String text) {

    static Trace of(PolicyTable table, int verdict, InetAddress source, Identity destination, int protocol,
            int port, String asked) {
        Identity client = table.sourceOf(source);
        CidrGroup group = table.sources().group(client);
        DestinationRules d = table.rulesOf(destination);
        StringBuilder b = new StringBuilder();
        line(b, "verdict", Verdicts.name(verdict));
        line(b, "source", Cidr.text(source) + " -> " + client
                + (group == null ? "" : " (" + group.displayName() + ")"));
        line(b, "destination", destination.toString());
        line(b, "port", port + "/" + (protocol == 6 ? "TCP" : protocol == 17 ? "UDP" : "protocol " + protocol)
                + (asked == null ? "" : " " + asked));
        line(b, "selected by", d == null ? "no policy" : names(d.selecting()));
        line(b, "why", why(table, verdict, d));
        return new Trace(verdict, b.toString());
    }

    private static String why(PolicyTable table, int verdict, DestinationRules d) {
        int number = Verdicts.rule(verdict);
        if (number >= 0) {
            CompiledRule rule = table.rule(number);
            return switch (Verdicts.code(verdict)) {
                case Verdicts.DENY -> rule.kind() != CompiledRule.Kind.L7_ALLOW ? "deny rule " + rule
                        : rule.dns().isEmpty() ? "no rules.http of " + rule + " match the request"
                        : "no rules.dns of " + rule + " match the name";
                case Verdicts.AUDIT -> "audit: " + rule + " would deny; " + rule.policy().displayName()
                        + " is in audit mode";
                case Verdicts.L7 -> "allowed by " + rule + (rule.dns().isEmpty()
                        ? " for requests its rules.http match" : " for names its rules.dns match");
                default -> "allowed by " + rule;
            };
        }
        if (d == null) {
            return "no policy selects the destination for ingress: everything is allowed";
        }
        return switch (Verdicts.code(verdict)) {
            case Verdicts.DENY -> "default deny: no rule allows it, and " + names(d.defaultDeny())
                    + " deny by default";
            case Verdicts.AUDIT -> "audit: default deny of " + names(d.defaultDeny())
                    + " would deny it; they are in audit mode";
            default -> "no rule matches, and every selecting rule sets enableDefaultDeny.ingress: false";
        };
    }

    private static String names(List<Policy> policies) {
        return policies.stream().map(Policy::displayName).collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(name).append(':').append(" ".repeat(12 - name.length())).append(value).append('\n');
    }

    @Override
    public String toString() {
        return text;
    }
}
