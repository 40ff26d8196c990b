package edgebox.api.policy;

import java.util.Objects;

/**
 * A request's decision and what made it ({@code policy namespace/name rule N}, empty when no policy selects the
 * destination), for the access log. The client is never told the rule.
 */
public record Verdict(boolean allowed, String rule) {

    public static final Verdict ALLOW = new Verdict(true, "");

    public Verdict {
        Objects.requireNonNull(rule, "rule");
    }

    public static Verdict deny(String rule) {
        return new Verdict(false, rule);
    }
}
