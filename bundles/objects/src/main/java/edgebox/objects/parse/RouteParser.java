package edgebox.objects.parse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edgebox.api.objects.Gateway;
import edgebox.api.objects.Route;
import edgebox.api.objects.Refs;
import edgebox.api.objects.Meta;
import edgebox.api.objects.Refs.BackendRef;
import edgebox.api.objects.Refs.ParentRef;
import edgebox.api.objects.Route.Match;
import edgebox.api.objects.Route.PathType;
import edgebox.api.objects.Route.Retry;
import edgebox.api.objects.Route.Rule;
import edgebox.api.objects.Route.ValueMatch;
import edgebox.api.objects.Route.ValueType;

/** Reads and checks an HTTPRoute, GRPCRoute or TLSRoute spec. */
final class RouteParser {

    static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,5}(h|m|s|ms)){1,4}");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");
    private static final Pattern GRPC_SERVICE = Pattern.compile("(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*");
    private static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private RouteParser() {
    }

    static Route route(String kind, Meta meta, In spec) {
        List<ParentRef> parents = new ArrayList<>();
        for (In p : spec.list("parentRefs", 32)) {
            String name = p.required("name");
            String section = p.str("sectionName", "");
            if (!section.isEmpty() && !Parser.SECTION_NAME.matcher(section).matches()) {
                p.problem("sectionName", "must be a lower case DNS name, got \"" + section + "\"");
            }
            parents.add(new ParentRef(p.str("group", Refs.GATEWAY_GROUP), p.str("kind", "Gateway"),
                    p.str("namespace", meta.namespace()), name == null ? "" : name, section,
                    p.integer("port", 1, 65535, 0)));
        }
        List<String> hostnames = new ArrayList<>();
        List<In> hosts = spec.list("hostnames", 16);
        for (int i = 0; i < hosts.size(); i++) {
            String h = hosts.get(i).text();
            if (h != null && (h.length() > 253 || !Parser.HOSTNAME.matcher(h).matches())) {
                hosts.get(i).problem("must be a lower case hostname, optionally starting with \"*.\", got \""
                        + h + "\"");
            } else if (h != null) {
                hostnames.add(h);
            }
        }
        List<Rule> rules = new ArrayList<>();
        List<In> items = spec.list("rules", 16);
        if (Route.TLS.equals(kind) && items.isEmpty()) {
            spec.problem("rules", "at least one rule is required");
        }
        for (In r : items) {
            rules.add(rule(kind, meta, r));
        }
        if (items.isEmpty() && !Route.TLS.equals(kind)) {
            rules.add(new Rule("", List.of(defaultMatch()), List.of(), List.of(), null, null, null));
        }
        return new Route(kind, meta, parents, hostnames, rules);
    }

    static Match defaultMatch() {
        return new Match(PathType.PREFIX, "/", List.of(), List.of(), "");
    }

    private static Rule rule(String kind, Meta meta, In r) {
        String name = r.str("name", "");
        List<Match> matches = new ArrayList<>();
        if (Route.HTTP.equals(kind)) {
            for (In m : r.list("matches", 64)) {
                matches.add(httpMatch(m));
            }
        } else if (Route.GRPC.equals(kind)) {
            for (In m : r.list("matches", 64)) {
                matches.add(grpcMatch(m));
            }
        }
        if (matches.isEmpty()) {
            matches.add(defaultMatch());
        }
        List<Route.Filter> filters = Route.TLS.equals(kind) ? List.of() : FilterParser.filters(kind, meta, r, matches);
        List<BackendRef> backends = new ArrayList<>();
        for (In b : r.list("backendRefs", 16)) {
            backends.add(backendRef(meta, b, true));
            if (b.has("filters")) {
                b.problem("filters", "filters on a backendRef are not supported, put them on the rule");
            }
        }
        Duration request = null;
        Duration backend = null;
        Retry retry = null;
        if (Route.HTTP.equals(kind)) {
            In t = r.at("timeouts");
            request = duration(t, "request");
            backend = duration(t, "backendRequest");
            if (request != null && backend != null && !request.isZero() && (backend.isZero()
                    || backend.compareTo(request) > 0)) {
                t.problem("backendRequest", "must not be longer than request");
            }
            if (r.has("retry")) {
                In rt = r.at("retry");
                Set<Integer> codes = new HashSet<>();
                for (In c : rt.list("codes", 64)) {
                    Long code = c.number();
                    if (code != null && (code < 400 || code > 599)) {
                        c.problem("must be 400-599, got " + code);
                    } else if (code != null) {
                        codes.add(code.intValue());
                    }
                }
                int attempts = rt.integer("attempts", 0, 1000, 1);
                Duration backoff = duration(rt, "backoff");
                retry = new Retry(codes, attempts, backoff == null ? Duration.ZERO : backoff);
            }
        } else if (r.has("timeouts") || r.has("retry")) {
            r.problem(r.has("timeouts") ? "timeouts" : "retry", "is not supported on " + kind);
        }
        return new Rule(name, matches, filters, backends, request, backend, retry);
    }

    static BackendRef backendRef(Meta meta, In b, boolean weighted) {
        String name = b.required("name");
        String group = b.str("group", "");
        String kind = b.str("kind", "Service");
        int port = b.integer("port", 1, 65535, 0);
        if (port == 0 && group.isEmpty() && "Service".equals(kind) && !b.has("port")) {
            b.problem("port", "is required for a Service");
        }
        int weight = weighted ? b.integer("weight", 0, 1_000_000, 1) : 1;
        return new BackendRef(group, kind, b.str("namespace", meta.namespace()), name == null ? "" : name, port,
                weight);
    }

    private static Match httpMatch(In m) {
        In p = m.at("path");
        String type = p.oneOf("type", "PathPrefix", "Exact", "PathPrefix", "RegularExpression");
        String value = p.str("value", "/");
        PathType pathType = switch (type) {
            case "Exact" -> PathType.EXACT;
            case "RegularExpression" -> PathType.REGEX;
            default -> PathType.PREFIX;
        };
        if (value.length() > 1024) {
            p.problem("value", "must be at most 1024 characters");
        }
        if (pathType == PathType.REGEX) {
            p.regex("value");
        } else {
            String bad = pathProblem(value);
            if (bad != null) {
                p.problem("value", bad);
            }
        }
        List<ValueMatch> headers = values(m, "headers", false);
        List<ValueMatch> query = values(m, "queryParams", true);
        String method = m.str("method", "");
        if (!method.isEmpty() && !METHODS.contains(method)) {
            m.problem("method", "must be one of " + String.join(", ", new java.util.TreeSet<>(METHODS))
                    + ", got \"" + method + "\"");
        }
        return new Match(pathType, value, headers, query, method);
    }

    /** Why an Exact or PathPrefix value is not allowed, or null. */
    static String pathProblem(String value) {
        if (!value.startsWith("/")) {
            return "must start with \"/\", got \"" + value + "\"";
        }
        for (String bad : new String[] {"//", "/./", "/../", "%2f", "%2F", "#"}) {
            if (value.contains(bad)) {
                return "must not contain \"" + bad + "\", got \"" + value + "\"";
            }
        }
        if (value.endsWith("/..") || value.endsWith("/.")) {
            return "must not end with \"/..\" or \"/.\", got \"" + value + "\"";
        }
        return null;
    }

    private static List<ValueMatch> values(In m, String key, boolean caseSensitiveNames) {
        List<ValueMatch> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (In h : m.list(key, 16)) {
            String type = h.oneOf("type", "Exact", "Exact", "RegularExpression");
            String name = h.required("name");
            String value = h.str("value");
            if (value == null) {
                h.problem("value", "is required");
            }
            if (name != null && !HEADER_NAME.matcher(name).matches()) {
                h.problem("name", "must be a valid " + (caseSensitiveNames ? "query parameter" : "header")
                        + " name, got \"" + name + "\"");
            }
            String norm = name == null ? "" : caseSensitiveNames ? name : name.toLowerCase(Locale.ROOT);
            if (name != null && !seen.add(norm)) {
                h.problem("name", "\"" + name + "\" is matched twice in this match");
            }
            if ("RegularExpression".equals(type)) {
                h.regex("value");
            }
            out.add(new ValueMatch("Exact".equals(type) ? ValueType.EXACT : ValueType.REGEX, norm,
                    value == null ? "" : value));
        }
        return out;
    }

    private static Match grpcMatch(In m) {
        List<ValueMatch> headers = values(m, "headers", false);
        if (!m.has("method")) {
            return new Match(PathType.PREFIX, "/", headers, List.of(), "");
        }
        In g = m.at("method");
        String type = g.oneOf("type", "Exact", "Exact", "RegularExpression");
        String service = g.str("service", "");
        String method = g.str("method", "");
        if (service.isEmpty() && method.isEmpty()) {
            g.problem("one of service or method is required");
        }
        if ("RegularExpression".equals(type)) {
            String s = service.isEmpty() ? "[^/]+" : g.regex("service");
            String me = method.isEmpty() ? "[^/]+" : g.regex("method");
            return new Match(PathType.REGEX, "/" + s + "/" + me, headers, List.of(), "");
        }
        if (!service.isEmpty() && !GRPC_SERVICE.matcher(service).matches()) {
            g.problem("service", "must be a gRPC service name, got \"" + service + "\"");
        }
        if (!method.isEmpty() && !GRPC_METHOD.matcher(method).matches()) {
            g.problem("method", "must be a gRPC method name, got \"" + method + "\"");
        }
        if (method.isEmpty()) {
            return new Match(PathType.PREFIX, "/" + service, headers, List.of(), "");
        }
        if (service.isEmpty()) {
            return new Match(PathType.REGEX, "/[^/]+/" + Pattern.quote(method), headers, List.of(), "");
        }
        return new Match(PathType.EXACT, "/" + service + "/" + method, headers, List.of(), "");
    }

    /** A Gateway API Duration ({@code 1h2m3s4ms}); null when absent or wrong (with a problem). */
    static Duration duration(In node, String key) {
        String s = node.str(key);
        if (s == null) {
            return null;
        }
        if (!DURATION.matcher(s).matches()) {
            node.problem(key, "must be a duration like 10s, 1m30s or 500ms, got \"" + s + "\"");
            return null;
        }
        Duration d = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(s);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            d = d.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return d;
    }
}
