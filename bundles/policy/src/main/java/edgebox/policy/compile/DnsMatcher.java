package edgebox.policy.compile;

import java.util.regex.Pattern;

import edgebox.policy.model.DnsRule;

/**
 * A {@code rules.dns} entry compiled once, asked with a name as the resolver gives it (lower case, absolute): a
 * matchName is that name; in a matchPattern {@code *} stands for any run, empty included, of name characters
 * (letters, digits, {@code -}, {@code _}) without crossing a dot, a leading {@code **.} for one or more whole
 * labels, and a lone {@code *} matches every name, the root included.
 */
public record DnsMatcher(DnsRule rule, Pattern pattern) {

    private static final String LABEL_CHARACTER = "[-a-z0-9_]";

    public static DnsMatcher of(DnsRule rule) {
        if (!rule.matchName().isEmpty()) {
            return new DnsMatcher(rule, null);
        }
        return new DnsMatcher(rule, Pattern.compile(regex(rule.matchPattern())));
    }

    public boolean matches(String name) {
        return pattern == null ? rule.matchName().equals(name) : pattern.matcher(name).matches();
    }

    private static String regex(String pattern) {
        if (pattern.equals("*")) {
            return "\\.|(" + LABEL_CHARACTER + "+\\.)+";
        }
        StringBuilder b = new StringBuilder();
        String rest = pattern;
        if (rest.startsWith("**.")) {
            b.append("(").append(LABEL_CHARACTER).append("+\\.)+");
            rest = rest.substring(3);
        }
        for (char c : rest.toCharArray()) {
            switch (c) {
                case '*' -> b.append(LABEL_CHARACTER).append('*');
                case '.' -> b.append("\\.");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
