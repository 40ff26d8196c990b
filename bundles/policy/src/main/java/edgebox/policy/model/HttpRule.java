package edgebox.policy.model;

import java.util.List;

/**
 * A {@code rules.http} entry: a request matches when its method matches {@code method} and its path matches
 * {@code path} (regular expressions that must match the whole text; empty: anything) and it carries every header.
 */
public record HttpRule(String method, String path, List<HeaderMatch> headers) {

    public HttpRule {
        method = method == null ? "" : method;
        path = path == null ? "" : path;
        headers = List.copyOf(headers);
    }
}
