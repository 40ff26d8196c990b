package edgebox.api.objects;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import edgebox.api.objects.Refs.BackendRef;
import edgebox.api.objects.Refs.ParentRef;

/**
 * An HTTPRoute, GRPCRoute or TLSRoute. A GRPCRoute's matches are already expressed as path and header matches
 * ({@code /service/method}); a TLSRoute's rules have backends only.
 */
public record Route(String kind, Meta meta, List<ParentRef> parentRefs, List<String> hostnames, List<Rule> rules)
        implements KubeObject {

    public static final String HTTP = "HTTPRoute";
    public static final String GRPC = "GRPCRoute";
    public static final String TLS = "TLSRoute";

    public Route {
        parentRefs = List.copyOf(parentRefs);
        hostnames = List.copyOf(hostnames);
        rules = List.copyOf(rules);
    }

    /** One rule; {@code matches} is never empty (the default match is PathPrefix /). */
    public record Rule(String name, List<Match> matches, List<Filter> filters, List<BackendRef> backendRefs,
            Duration requestTimeout, Duration backendTimeout, Retry retry) {

        public Rule {
            matches = List.copyOf(matches);
            filters = List.copyOf(filters);
            backendRefs = List.copyOf(backendRefs);
        }
    }

    /** HTTPRoute retry; null on the rule when unset. */
    public record Retry(Set<Integer> codes, int attempts, Duration backoff) {

        public Retry {
            codes = Set.copyOf(codes);
        }
    }

    public enum PathType { EXACT, PREFIX, REGEX }

    public enum ValueType { EXACT, REGEX }

    /** {@code method} empty when any method matches. */
    public record Match(PathType pathType, String path, List<ValueMatch> headers, List<ValueMatch> queryParams,
            String method) {

        public Match {
            headers = List.copyOf(headers);
            queryParams = List.copyOf(queryParams);
        }
    }

    /** A header (name lower case) or query parameter (name as written) match. */
    public record ValueMatch(ValueType type, String name, String value) {
    }

    /** A route filter. */
    public sealed interface Filter {
    }

    /** RequestHeaderModifier or ResponseHeaderModifier; set and add keep their order, names as written. */
    public record HeaderModifier(boolean response, List<String[]> set, List<String[]> add, List<String> remove)
            implements Filter {

        public HeaderModifier {
            set = List.copyOf(set);
            add = List.copyOf(add);
            remove = List.copyOf(remove);
        }
    }

    /** A path modifier: ReplaceFullPath or ReplacePrefixMatch. */
    public record PathModifier(boolean fullPath, String value) {
    }

    /** RequestRedirect; empty/null/0 fields keep the request's own. */
    public record Redirect(String scheme, String hostname, PathModifier path, int port, int statusCode)
            implements Filter {
    }

    /** URLRewrite; empty/null fields keep the request's own. */
    public record Rewrite(String hostname, PathModifier path) implements Filter {
    }

    /** RequestMirror: {@code percent} of requests (0-100, fractional). */
    public record Mirror(BackendRef backendRef, double percent) implements Filter {
    }

    @Override
    public String kind() {
        return kind;
    }
}
