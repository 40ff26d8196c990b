package edgebox.proxy.route;

import java.util.ArrayList;
import java.util.List;

import edgebox.proxy.route.RouteDecision.Respond;

/**
 * The path that routing, policy and the backend all see, made once from the path as sent, the way Envoy Gateway's
 * defaults make it (normalize_path, merge_slashes, escaped slashes unescaped by a redirect), so that no spelling of
 * a path gets past a route or policy that its plain spelling meets:
 * <ul>
 * <li>a percent-encoded unreserved character (RFC 3986 §2.3) is decoded ({@code /%61dmin} is {@code /admin});
 * other escapes stay, with upper-case hex digits;</li>
 * <li>a run of slashes is one slash ({@code //admin} is {@code /admin});</li>
 * <li>{@code .} and {@code ..} segments are removed (RFC 3986 §5.2.4), {@code %2e} spellings included;</li>
 * <li>an escaped slash ({@code %2F}) is answered with a 307 to the path with it unescaped and normalised again,
 * so the client asks once more with a path every party reads alike;</li>
 * <li>a backslash, escaped or not, and a broken escape ({@code %G1}, a lone {@code %}) are refused with 400.</li>
 * </ul>
 * A path already in this form (the usual case) is returned as the same instance, without allocation.
 */
final class RequestPath {

    static final Respond BAD_PATH = new Respond(400, "request path has a backslash or a broken percent-escape");
    /** The route name a normalising redirect is logged under. */
    static final String REDIRECT_ROUTE = "path-normalization";

    private static final String HEX = "0123456789ABCDEF";

    private RequestPath() {
    }

    /** {@code raw} normalised, the same instance when it already is; null when it is refused. */
    static String normalize(String raw) {
        if (!raw.startsWith("/") || plain(raw)) {
            return raw;
        }
        String decoded = decodeUnreserved(raw);
        if (decoded == null) {
            return null;
        }
        String out = removeDotsAndEmpties(decoded);
        return out.equals(raw) ? raw : out;
    }

    /** Where a normalised {@code path} with an escaped slash is sent instead, query kept; null when it has none. */
    static RouteDecision.Redirect unescapeRedirect(String path, String query) {
        if (!path.contains("%2F")) {
            return null;
        }
        String unescaped = normalize(path.replace("%2F", "/"));
        if (unescaped == null) {
            return null;
        }
        return new RouteDecision.Redirect(307, query.isEmpty() ? unescaped : unescaped + "?" + query,
                REDIRECT_ROUTE);
    }

    /** No escape, no backslash, no empty segment, no segment starting with a dot: nothing to do. */
    private static boolean plain(String p) {
        char prev = 0;
        for (int i = 0, n = p.length(); i < n; i++) {
            char c = p.charAt(i);
            if (c == '%' || c == '\\' || prev == '/' && (c == '/' || c == '.')) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    private static String decodeUnreserved(String p) {
        StringBuilder b = new StringBuilder(p.length());
        for (int i = 0, n = p.length(); i < n; i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                return null;
            }
            if (c != '%') {
                b.append(c);
                continue;
            }
            int hi = i + 2 < n ? Character.digit(p.charAt(i + 1), 16) : -1;
            int lo = i + 2 < n ? Character.digit(p.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                return null;
            }
            char decoded = (char) (hi * 16 + lo);
            if (decoded == '\\') {
                return null;
            }
            if (unreserved(decoded)) {
                b.append(decoded);
            } else {
                b.append('%').append(HEX.charAt(hi)).append(HEX.charAt(lo));
            }
            i += 2;
        }
        return b.toString();
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    /** RFC 3986 §5.2.4 on a path that starts with "/", empty segments dropped; a trailing slash stays. */
    private static String removeDotsAndEmpties(String p) {
        List<String> segments = new ArrayList<>();
        boolean trailingSlash = false;
        int start = 1;
        while (start <= p.length()) {
            int end = p.indexOf('/', start);
            if (end < 0) {
                end = p.length();
            }
            String s = p.substring(start, end);
            boolean last = end == p.length();
            switch (s) {
                case "" -> trailingSlash = last;
                case "." -> trailingSlash = last;
                case ".." -> {
                    if (!segments.isEmpty()) {
                        segments.removeLast();
                    }
                    trailingSlash = last;
                }
                default -> {
                    segments.add(s);
                    trailingSlash = false;
                }
            }
            start = end + 1;
        }
        StringBuilder b = new StringBuilder(p.length());
        for (String s : segments) {
            b.append('/').append(s);
        }
        if (trailingSlash || segments.isEmpty()) {
            b.append('/');
        }
        return b.toString();
    }

    /** A request head whose path is the normalised one; everything else is the request's own. */
    record Normalized(RequestHead head, String path) implements RequestHead {

        @Override
        public String scheme() {
            return head.scheme();
        }

        @Override
        public String method() {
            return head.method();
        }

        @Override
        public String host() {
            return head.host();
        }

        @Override
        public String query() {
            return head.query();
        }

        @Override
        public List<String> headers(String name) {
            return head.headers(name);
        }
    }
}
