package edgebox.proxy.route;

import java.util.List;

import edgebox.api.objects.Route.PathModifier;
import edgebox.api.objects.Route.Redirect;
import edgebox.api.objects.Route.Rewrite;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.route.RouteDecision.Mirror;
import edgebox.proxy.route.RouteDecision.Respond;
import edgebox.proxy.route.RouteDecision.Retry;
import edgebox.proxy.route.RouteDecision.Timeouts;
import edgebox.proxy.route.RouteDecision.WeightedClusters;

/**
 * What one rule does, compiled once: a fixed answer (500 when it has no usable backend), a redirect, or a forward
 * with its header changes, rewrite, weighted clusters, mirrors, timeouts and retry. {@link #decide} computes only
 * what depends on the request (the Location, the rewritten host and path).
 */
final class RuleAction {

    final String route;
    final int rule;
    private final Respond respond;
    private final Redirect redirect;
    private final Rewrite rewrite;
    /** The rule's PathPrefix without trailing slash, for ReplacePrefixMatch. */
    private final String prefix;
    private final HeaderChanges requestHeaders;
    private final HeaderChanges responseHeaders;
    private final WeightedClusters backends;
    private final List<Mirror> mirrors;
    private final Timeouts timeouts;
    private final Retry retry;

    private RuleAction(String route, int rule, Respond respond, Redirect redirect, Rewrite rewrite, String prefix,
            HeaderChanges requestHeaders, HeaderChanges responseHeaders, WeightedClusters backends,
            List<Mirror> mirrors, Timeouts timeouts, Retry retry) {
        this.route = route;
        this.rule = rule;
        this.respond = respond;
        this.redirect = redirect;
        this.rewrite = rewrite;
        this.prefix = prefix;
        this.requestHeaders = requestHeaders;
        this.responseHeaders = responseHeaders;
        this.backends = backends;
        this.mirrors = List.copyOf(mirrors);
        this.timeouts = timeouts;
        this.retry = retry;
    }

    static RuleAction respond(String route, int rule, int status, String reason) {
        return new RuleAction(route, rule, new Respond(status, reason), null, null, "", HeaderChanges.NONE,
                HeaderChanges.NONE, null, List.of(), Timeouts.NONE, Retry.NONE);
    }

    static RuleAction redirect(String route, int rule, Redirect redirect, String prefix) {
        return new RuleAction(route, rule, null, redirect, null, prefix, HeaderChanges.NONE, HeaderChanges.NONE,
                null, List.of(), Timeouts.NONE, Retry.NONE);
    }

    static RuleAction forward(String route, int rule, Rewrite rewrite, String prefix, HeaderChanges requestHeaders,
            HeaderChanges responseHeaders, WeightedClusters backends, List<Mirror> mirrors, Timeouts timeouts,
            Retry retry) {
        return new RuleAction(route, rule, null, null, rewrite, prefix, requestHeaders, responseHeaders, backends,
                mirrors, timeouts, retry);
    }

    RouteDecision decide(RequestHead r, ListenerInfo listener) {
        if (respond != null) {
            return respond;
        }
        String query = r.query();
        if (redirect != null) {
            return new RouteDecision.Redirect(redirect.statusCode(), location(r, listener, query), route);
        }
        String host = rewrite != null && !rewrite.hostname().isEmpty() ? rewrite.hostname() : r.host();
        String path = rewrite != null && rewrite.path() != null ? newPath(r.path(), rewrite.path()) : r.path();
        if (!query.isEmpty()) {
            path = path + "?" + query;
        }
        return new Forward(route, rule, host, path, requestHeaders, responseHeaders, backends, mirrors, timeouts,
                retry);
    }

    private String location(RequestHead r, ListenerInfo listener, String query) {
        String scheme = redirect.scheme().isEmpty() ? r.scheme() : redirect.scheme();
        String host = redirect.hostname().isEmpty() ? r.host() : redirect.hostname();
        int port;
        if (redirect.port() != 0) {
            port = redirect.port();
        } else if (!redirect.scheme().isEmpty()) {
            port = "https".equals(scheme) ? 443 : 80;
        } else {
            port = listener == null ? 0 : listener.port();
        }
        String path = redirect.path() == null ? r.path() : newPath(r.path(), redirect.path());
        StringBuilder b = new StringBuilder(scheme.length() + host.length() + path.length() + query.length() + 16);
        b.append(scheme).append("://");
        if (host.indexOf(':') >= 0) {
            b.append('[').append(host).append(']');
        } else {
            b.append(host);
        }
        boolean defaultPort = port == 0 || ("http".equals(scheme) && port == 80)
                || ("https".equals(scheme) && port == 443);
        if (!defaultPort) {
            b.append(':').append(port);
        }
        b.append(path);
        if (!query.isEmpty()) {
            b.append('?').append(query);
        }
        return b.toString();
    }

    private String newPath(String path, PathModifier m) {
        return m.fullPath() ? m.value() : replacePrefix(path, prefix, m.value());
    }

    /**
     * ReplacePrefixMatch with the spec's slash rules: {@code prefix} (no trailing slash, "" for "/") matched
     * {@code path} segment-wise; the rest of the path is kept after the replacement. An empty replacement strips
     * the prefix, and a path left empty becomes "/".
     */
    static String replacePrefix(String path, String prefix, String replacement) {
        String rest = path.length() >= prefix.length() ? path.substring(prefix.length()) : "";
        if (rest.isEmpty()) {
            return replacement.isEmpty() ? "/" : replacement;
        }
        String base = replacement.endsWith("/") ? replacement.substring(0, replacement.length() - 1) : replacement;
        String out = base + rest;
        return out.isEmpty() ? "/" : out;
    }
}
