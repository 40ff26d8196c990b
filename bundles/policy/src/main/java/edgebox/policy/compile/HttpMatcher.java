package edgebox.policy.compile;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import edgebox.policy.model.HeaderMatch;
import edgebox.policy.model.HttpRule;

/**
 * A {@code rules.http} entry with its method and path compiled once: each must match the whole text (an empty one
 * matches anything), and every header must be present, with its exact value unless any value will do.
 */
public record HttpMatcher(HttpRule rule, Pattern method, Pattern path) {

    /** PatternSyntaxException when the method or path is not a regular expression. */
    public static HttpMatcher of(HttpRule rule) {
        return new HttpMatcher(rule, rule.method().isEmpty() ? null : Pattern.compile(rule.method()),
                rule.path().isEmpty() ? null : Pattern.compile(rule.path()));
    }

    public boolean matches(String method, String path, Map<String, List<String>> headers) {
        if (this.method != null && !this.method.matcher(method).matches()
                || this.path != null && !this.path.matcher(path).matches()) {
            return false;
        }
        for (HeaderMatch h : rule.headers()) {
            List<String> values = headers.getOrDefault(h.name(), List.of());
            if (values.isEmpty() || !h.anyValue() && !values.contains(h.value())) {
                return false;
            }
        }
        return true;
    }
}
