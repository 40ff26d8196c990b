package edgebox.api.policy;

import java.util.Objects;

/** A decision and the rule that made it, for logs and counters. */
public record Verdict(boolean allowed, String rule) {

    public static final Verdict ALLOW = new Verdict(true, "");

    public Verdict {
        Objects.requireNonNull(rule, "rule");
    }

    public static Verdict deny(String rule) {
        return new Verdict(false, rule);
    }
}
