package edgebox.proxy.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import edgebox.api.objects.Route.Match;
import edgebox.api.objects.Route.PathType;
import edgebox.api.objects.Route.ValueMatch;
import edgebox.api.objects.Route.ValueType;

/**
 * One HTTPRoute match, compiled once: path (Exact, segment-aware PathPrefix, full-match RegularExpression), method,
 * headers (names without regard to case) and query parameters (names with regard to case), all ANDed.
 * {@link #test} allocates nothing unless a query value needs percent-decoding.
 */
final class CompiledMatch {

    final PathType pathType;
    /** Exact: the value; PathPrefix: the value without its trailing slash ("" for "/"). */
    final String path;
    final Pattern pathRegex;
    /** The number of characters of the path value as written, trailing slash included, for precedence. */
    private final int pathChars;
    final String method;
    final String[] headerNames;
    final String[] headerValues;
    final Pattern[] headerRegexes;
    final String[] queryNames;
    final String[] queryValues;
    final Pattern[] queryRegexes;

    CompiledMatch(Match m) {
        pathType = m.pathType();
        path = switch (m.pathType()) {
            case PREFIX -> m.path().endsWith("/") ? m.path().substring(0, m.path().length() - 1) : m.path();
            default -> m.path();
        };
        pathRegex = m.pathType() == PathType.REGEX ? Pattern.compile(m.path()) : null;
        pathChars = m.path().length();
        method = m.method().isEmpty() ? null : m.method();
        int h = m.headers().size();
        headerNames = new String[h];
        headerValues = new String[h];
        headerRegexes = new Pattern[h];
        fill(m.headers(), headerNames, headerValues, headerRegexes);
        int q = m.queryParams().size();
        queryNames = new String[q];
        queryValues = new String[q];
        queryRegexes = new Pattern[q];
        fill(m.queryParams(), queryNames, queryValues, queryRegexes);
    }

    private static void fill(List<ValueMatch> in, String[] names, String[] values, Pattern[] regexes) {
        for (int i = 0; i < names.length; i++) {
            ValueMatch v = in.get(i);
            names[i] = v.name();
            values[i] = v.value();
            regexes[i] = v.type() == ValueType.REGEX ? Pattern.compile(v.value()) : null;
        }
    }

    /** The number of characters of the path match as written ("/foo/" has five), for precedence. */
    int pathLength() {
        return pathChars;
    }

    boolean test(RequestHead r) {
        String p = r.path();
        switch (pathType) {
            case EXACT -> {
                if (!path.equals(p)) {
                    return false;
                }
            }
            case PREFIX -> {
                if (!prefixMatches(path, p)) {
                    return false;
                }
            }
            default -> {
                if (!pathRegex.matcher(p).matches()) {
                    return false;
                }
            }
        }
        if (method != null && !method.equals(r.method())) {
            return false;
        }
        for (int i = 0; i < headerNames.length; i++) {
            if (!anyValue(r.headers(headerNames[i]), headerValues[i], headerRegexes[i])) {
                return false;
            }
        }
        if (queryNames.length > 0) {
            String query = r.query();
            for (int i = 0; i < queryNames.length; i++) {
                String v = queryValue(query, queryNames[i]);
                if (v == null || !(queryRegexes[i] == null ? queryValues[i].equals(v)
                        : queryRegexes[i].matcher(v).matches())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Segment-aware prefix: {@code prefix} has no trailing slash ("" is the root). */
    static boolean prefixMatches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }

    private static boolean anyValue(List<String> values, String exact, Pattern regex) {
        for (int i = 0, n = values.size(); i < n; i++) {
            String v = values.get(i);
            if (regex == null ? exact.equals(v) : regex.matcher(v).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The first value of query parameter {@code name} (decoded), or null when absent. */
    static String queryValue(String query, String name) {
        int n = query.length();
        int i = 0;
        while (i <= n) {
            int end = query.indexOf('&', i);
            if (end < 0) {
                end = n;
            }
            int eq = query.indexOf('=', i);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            if (nameEnd - i == name.length() && query.startsWith(name, i)) {
                if (nameEnd == end) {
                    return "";
                }
                String raw = query.substring(nameEnd + 1, end);
                if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
                    return raw;
                }
                try {
                    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return raw;
                }
            }
            i = end + 1;
        }
        return null;
    }
}
