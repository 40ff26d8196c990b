package edgebox.api.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request on a {@link Flow}, as the proxy has parsed it. Header names are lower case. {@code route} is
 * the matched route ({@code HTTPRoute ns/name}) or empty when none matched.
 */
public record HttpRequestInfo(Flow flow, String method, String authority, String path,
        Map<String, List<String>> headers, String route) {

    public HttpRequestInfo {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        route = route == null ? "" : route;
    }
}
