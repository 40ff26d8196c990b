package edgebox.policy.model;

import java.util.Objects;

/**
 * A {@code rules.dns} entry: the names a client may ask the box's resolver for. Exactly one of {@code matchName}
 * (one name) and {@code matchPattern} (names where {@code *} stands for any run of name characters within a label;
 * a lone {@code *} for every name; a leading {@code **.} for one or more labels) is set, the other is empty. Both
 * are held as Cilium holds them: lower case and absolute (with the final dot), except the lone {@code *}.
 */
public record DnsRule(String matchName, String matchPattern) {

    public DnsRule {
        Objects.requireNonNull(matchName, "matchName");
        Objects.requireNonNull(matchPattern, "matchPattern");
        if (matchName.isEmpty() == matchPattern.isEmpty()) {
            throw new IllegalArgumentException("one of matchName and matchPattern: " + matchName + ", "
                    + matchPattern);
        }
    }

    public static DnsRule name(String name) {
        return new DnsRule(name, "");
    }

    public static DnsRule pattern(String pattern) {
        return new DnsRule("", pattern);
    }
}
