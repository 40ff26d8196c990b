package edgebox.proxy.route;

/**
 * Gateway API hostname rules. A wildcard {@code *.example.com} matches one or more labels before
 * {@code .example.com}, never {@code example.com} itself. The empty string stands for "no hostname" (any host).
 */
final class Hosts {

    private Hosts() {
    }

    static boolean wildcard(String pattern) {
        return pattern.startsWith("*.");
    }

    /** Whether {@code host} (a concrete name) is matched by {@code pattern} (exact, wildcard or empty). */
    static boolean matches(String pattern, String host) {
        if (pattern.isEmpty()) {
            return true;
        }
        if (!wildcard(pattern)) {
            return pattern.equals(host);
        }
        int suffix = pattern.length() - 1;
        return host.length() > suffix && host.regionMatches(host.length() - suffix, pattern, 1, suffix);
    }

    /**
     * The hostname a route hostname has on a listener: the more specific of the two when they intersect, null when
     * they do not. Either may be empty (unset).
     */
    static String intersect(String listener, String route) {
        if (listener.isEmpty()) {
            return route;
        }
        if (route.isEmpty()) {
            return listener;
        }
        if (listener.equals(route)) {
            return route;
        }
        if (!wildcard(route)) {
            return matches(listener, route) ? route : null;
        }
        if (!wildcard(listener)) {
            return matches(route, listener) ? listener : null;
        }
        // both wildcards: the longer one, when it lies inside the shorter one
        if (route.length() > listener.length()) {
            return route.endsWith(listener.substring(1)) ? route : null;
        }
        return listener.endsWith(route.substring(1)) ? listener : null;
    }

    /** Specificity of a listener hostname for listener selection: exact beats any wildcard, longer beats shorter. */
    static int specificity(String pattern) {
        if (pattern.isEmpty()) {
            return 0;
        }
        return wildcard(pattern) ? pattern.length() : 100_000 + pattern.length();
    }
}
