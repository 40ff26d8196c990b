package edgebox.acme.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cursor on one value of a manifest object that knows its field path ({@code spec.acme.solvers[0].dns01}), so a
 * problem found there names the field. Problems collect in a shared list. Strings stand for numbers and booleans
 * (a hand-written .cfg gives strings).
 */
final class Node {

    private final Object value;
    private final String path;
    private final List<String[]> problems;

    private Node(Object value, String path, List<String[]> problems) {
        this.value = value;
        this.path = path;
        this.problems = problems;
    }

    static Node root(Map<String, ?> object, List<String[]> problems) {
        return new Node(object, "", problems);
    }

    boolean present() {
        return value != null;
    }

    String path() {
        return path;
    }

    void problem(String reason) {
        problems.add(new String[] {path, reason});
    }

    Node at(String key) {
        if (value != null && !(value instanceof Map<?, ?>)) {
            problem("must be an object");
            return new Node(null, join(key), problems);
        }
        return new Node(value == null ? null : ((Map<?, ?>) value).get(key), join(key), problems);
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> out.add(String.valueOf(k)));
        }
        return out;
    }

    List<Node> items(int max) {
        List<Node> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List<?> list)) {
            problem("must be a list");
            return out;
        }
        if (list.size() > max) {
            problem("at most " + max + " items, got " + list.size());
        }
        for (int i = 0; i < Math.min(list.size(), max); i++) {
            out.add(new Node(list.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    /** The text here; a problem when absent and {@code required}, or when not a scalar. */
    String text(boolean required) {
        if (value == null) {
            if (required) {
                problem("is required");
            }
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problem("must be a single value");
            return null;
        }
        String s = String.valueOf(value).trim();
        if (s.isEmpty() && required) {
            problem("must not be empty");
            return null;
        }
        return s;
    }

    List<String> texts(int max) {
        List<String> out = new ArrayList<>();
        for (Node n : items(max)) {
            String s = n.text(true);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** An integer in {@code [min, max]}, or {@code dflt} when absent. */
    int integer(int dflt, int min, int max) {
        String s = text(false);
        if (s == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(s);
            if (d != Math.rint(d) || d < min || d > max) {
                problem("must be a whole number from " + min + " to " + max + ", got " + s);
                return dflt;
            }
            return (int) d;
        } catch (NumberFormatException e) {
            problem("must be a number, got \"" + s + "\"");
            return dflt;
        }
    }

    Map<String, String> strings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys()) {
            String v = at(k).text(false);
            out.put(k, v == null ? "" : v);
        }
        return out;
    }
}
