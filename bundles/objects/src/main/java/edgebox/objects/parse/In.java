package edgebox.objects.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one node of a manifest object (a map, a list or a value) and remembers its field path
 * ({@code spec.rules[0].matches[1]}) so every problem names the field. Values written as strings (a hand-written
 * .cfg) are accepted where a number or a boolean is expected.
 */
final class In {

    private final Object value;
    private final String path;
    private final List<Problem> problems;

    In(Object value, String path, List<Problem> problems) {
        this.value = value;
        this.path = path;
        this.problems = problems;
    }

    static In root(Map<String, ?> object, List<Problem> problems) {
        return new In(object, "", problems);
    }

    String path() {
        return path;
    }

    boolean present() {
        return value != null;
    }

    Object raw() {
        return value;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String reason) {
        problems.add(new Problem(path, reason));
    }

    void problem(String key, String reason) {
        problems.add(new Problem(field(key), reason));
    }

    In at(String key) {
        Object child = value instanceof Map<?, ?> m ? m.get(key) : null;
        if (value != null && !(value instanceof Map<?, ?>)) {
            problem("must be an object");
        }
        return new In(child, field(key), problems);
    }

    boolean has(String key) {
        return value instanceof Map<?, ?> m && m.get(key) != null;
    }

    List<In> list(String key, int max) {
        In node = at(key);
        List<In> out = new ArrayList<>();
        if (node.value == null) {
            return out;
        }
        if (!(node.value instanceof List<?> items)) {
            node.problem("must be a list");
            return out;
        }
        if (items.size() > max) {
            node.problem("at most " + max + " items allowed, got " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            out.add(new In(items.get(i), node.path + "[" + i + "]", problems));
        }
        return out;
    }

    List<String> strings(String key, int max) {
        List<String> out = new ArrayList<>();
        for (In item : list(key, max)) {
            String s = item.text();
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    Map<String, String> stringMap(String key) {
        In node = at(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (node.value == null) {
            return out;
        }
        if (!(node.value instanceof Map<?, ?> m)) {
            node.problem("must be an object");
            return out;
        }
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /** This node as a string, or null (with a problem when it is not a scalar). */
    String text() {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problem("must be a value, not " + (value instanceof Map<?, ?> ? "an object" : "a list"));
            return null;
        }
        return String.valueOf(value);
    }

    String str(String key) {
        return at(key).text();
    }

    String str(String key, String otherwise) {
        String s = str(key);
        return s == null ? otherwise : s;
    }

    String required(String key) {
        String s = str(key);
        if (s == null || s.isEmpty()) {
            problem(key, "is required");
            return null;
        }
        return s;
    }

    /** A string that must be one of {@code allowed}; {@code otherwise} when absent. */
    String oneOf(String key, String otherwise, String... allowed) {
        String s = str(key);
        if (s == null) {
            return otherwise;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        problem(key, "must be one of " + String.join(", ", allowed) + ", got \"" + s + "\"");
        return otherwise;
    }

    /** This node as a whole number, or null (with a problem when it is not one). */
    Long number() {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the problem
            }
        }
        problem("must be a whole number, got \"" + value + "\"");
        return null;
    }

    /** A whole number within {@code min..max}; {@code otherwise} when absent or wrong. */
    int integer(String key, int min, int max, int otherwise) {
        In node = at(key);
        Long n = node.number();
        if (n == null) {
            return otherwise;
        }
        if (n < min || n > max) {
            node.problem("must be " + min + "-" + max + ", got " + n);
            return otherwise;
        }
        return n.intValue();
    }

    Boolean bool(String key) {
        In node = at(key);
        if (node.value == null) {
            return null;
        }
        if (node.value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(node.value) || "false".equals(node.value)) {
            return Boolean.valueOf((String) node.value);
        }
        node.problem("must be true or false, got \"" + node.value + "\"");
        return null;
    }

    /** A string matching {@code pattern}; null (with a problem) when it does not. */
    String matching(String key, Pattern pattern, String what) {
        String s = str(key);
        if (s != null && !pattern.matcher(s).matches()) {
            problem(key, "must be " + what + ", got \"" + s + "\"");
            return null;
        }
        return s;
    }

    /** A regular expression that compiles; null (with a problem) when it does not. */
    String regex(String key) {
        String s = str(key);
        if (s == null) {
            return null;
        }
        try {
            Pattern.compile(s);
            return s;
        } catch (PatternSyntaxException e) {
            problem(key, "is not a valid regular expression: " + e.getDescription());
            return null;
        }
    }
}
