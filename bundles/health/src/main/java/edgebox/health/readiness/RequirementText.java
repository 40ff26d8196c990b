package edgebox.health.readiness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an unmet requirement (namespace and filter) into a line a person reads:
 * {@code missing package org.foo [1.0.0,2.0.0)}, {@code missing bundle org.bar}, {@code missing osgi.ee ...}.
 */
public final class RequirementText {

    private static final Pattern LOWER_INCL = Pattern.compile("\\((?:bundle-)?version>=([^)]+)\\)");
    private static final Pattern LOWER_EXCL = Pattern.compile("\\(!\\((?:bundle-)?version<=([^)]+)\\)\\)");
    private static final Pattern UPPER_EXCL = Pattern.compile("\\(!\\((?:bundle-)?version>=([^)]+)\\)\\)");
    private static final Pattern UPPER_INCL = Pattern.compile("\\((?:bundle-)?version<=([^)]+)\\)");

    private RequirementText() {
    }

    public static String describe(String namespace, String filter) {
        String f = filter == null ? "" : filter;
        return switch (namespace) {
            case "osgi.wiring.package" -> "missing package " + named(f, namespace);
            case "osgi.wiring.bundle" -> "missing bundle " + named(f, namespace);
            case "osgi.wiring.host" -> "missing fragment host " + named(f, namespace);
            default -> "missing " + namespace + " " + f;
        };
    }

    private static String named(String filter, String attribute) {
        Matcher m = Pattern.compile("\\(" + Pattern.quote(attribute) + "=([^)]+)\\)").matcher(filter);
        if (!m.find()) {
            return filter;
        }
        String range = range(filter);
        return range.isEmpty() ? m.group(1) : m.group(1) + " " + range;
    }

    /** The version range in OSGi notation, or empty when the filter names none. */
    static String range(String filter) {
        String lowerExcl = find(LOWER_EXCL, filter);
        String upperExcl = find(UPPER_EXCL, filter);
        String withoutNegations = filter.replaceAll("\\(!\\([^()]*\\)\\)", "");
        String lowerIncl = find(LOWER_INCL, withoutNegations);
        String upperIncl = find(UPPER_INCL, withoutNegations);
        String lower = lowerIncl != null ? "[" + lowerIncl : lowerExcl != null ? "(" + lowerExcl : null;
        String upper = upperExcl != null ? upperExcl + ")" : upperIncl != null ? upperIncl + "]" : null;
        if (lower == null && upper == null) {
            return "";
        }
        if (upper == null) {
            return lower.startsWith("[") ? ">= " + lowerIncl : "> " + lowerExcl;
        }
        return (lower == null ? "[0.0.0" : lower) + "," + upper;
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
