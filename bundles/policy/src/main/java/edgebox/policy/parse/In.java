package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;

/**
 * Reads one node of a manifest object (a map, a list or a value) and remembers its field path
 * ({@code spec.ingress[0].toPorts[1]}), so every problem names its field. Values written as strings (a hand-written
 * .cfg) are accepted where a number or a boolean is expected. Problems are collected without the object's name,
 * which {@link PolicyObjects} adds once it has read the metadata.
 */
final class In {

    private final Object value;
    private final String path;
    private final List<ConfigProblem> problems;

    private In(Object value, String path, List<ConfigProblem> problems) {
        this.value = value;
        this.path = path;
        this.problems = problems;
    }

    static In root(Map<String, ?> object, List<ConfigProblem> problems) {
        return new In(object, "", problems);
    }

    String path() {
        return path;
    }

    boolean present() {
        return value != null;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String reason) {
        problems.add(ConfigProblem.of("", path, reason));
    }

    void problem(String key, String reason) {
        problems.add(ConfigProblem.of("", field(key), reason));
    }

    /** A problem with the entry {@code key} of this object, named as {@code path[key]}. */
    void problemEntry(String key, String reason) {
        problems.add(ConfigProblem.of("", path + "[" + key + "]", reason));
    }

    In at(String key) {
        if (value != null && !(value instanceof Map<?, ?>)) {
            problem("must be an object");
        }
        Object child = value instanceof Map<?, ?> m ? m.get(key) : null;
        return new In(child, field(key), problems);
    }

    boolean has(String key) {
        return value instanceof Map<?, ?> m && m.containsKey(key);
    }

    /**
     * Refuses every key of this object that is not in {@code supported}: with its reason from {@code refused} when
     * it is a known field the box does not enforce, else as unknown.
     */
    void only(List<String> supported, Map<String, String> refused) {
        if (!(value instanceof Map<?, ?> m)) {
            return;
        }
        for (Object k : m.keySet()) {
            String key = String.valueOf(k);
            if (!supported.contains(key)) {
                problem(key, refused.getOrDefault(key, "unknown field"));
            }
        }
    }

    /** The items of list {@code key}; none when it is absent. */
    List<In> list(String key) {
        In node = at(key);
        List<In> out = new ArrayList<>();
        if (node.value == null) {
            return out;
        }
        if (!(node.value instanceof List<?> items)) {
            node.problem("must be a list");
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            out.add(new In(items.get(i), node.path + "[" + i + "]", problems));
        }
        return out;
    }

    /** A map of strings to strings; empty when absent. */
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
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                node.problem(String.valueOf(k), "must be a value");
            } else {
                out.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
            }
        });
        return out;
    }

    /** This node as a string, or null (with a problem when it is not a value). */
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

    String required(String key) {
        String s = str(key);
        if (s == null || s.isEmpty()) {
            problem(key, "is required");
            return null;
        }
        return s;
    }

    /** This node as a whole number, or null (with a problem when it is not one). */
    Long number() {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s && !s.isBlank() && s.strip().chars().allMatch(Character::isDigit)
                && s.strip().length() < 10) {
            return Long.parseLong(s.strip());
        }
        problem("must be a whole number, got \"" + value + "\"");
        return null;
    }

    /** Whether this node is a string that is not a whole number (a named port). */
    boolean name() {
        return value instanceof String s && !s.isBlank() && !s.strip().chars().allMatch(Character::isDigit);
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
}
