package edgebox.acme.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Manifest object (nested maps and lists) to Config Admin properties and back, with the proxy's conventions: keys
 * joined by {@code .}, list items by index ({@code spec.dnsNames.0}), a key holding {@code .} or all digits written
 * {@code [key]} ({@code metadata.labels[app.kubernetes.io/name]}); numbers as Long or Double, booleans as Boolean, the
 * rest as String, nulls and empty lists dropped. An empty map is kept as the value {@code {}}, since a solver such as
 * {@code dns01: {edgebox: {}}} means something.
 */
public final class Flat {

    static final String EMPTY_MAP = "{}";

    private Flat() {
    }

    public static Map<String, Object> flatten(Map<String, ?> object) {
        Map<String, Object> out = new LinkedHashMap<>();
        walk("", object, out);
        return out;
    }

    private static void walk(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !prefix.isEmpty()) {
                out.put(prefix, EMPTY_MAP);
            }
            map.forEach((k, v) -> walk(join(prefix, String.valueOf(k)), v, out));
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(prefix + "." + i++, item, out);
            }
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.put(prefix, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            out.put(prefix, n.doubleValue());
        } else if (value instanceof Boolean) {
            out.put(prefix, value);
        } else if (value != null) {
            out.put(prefix, String.valueOf(value));
        }
    }

    private static String join(String prefix, String key) {
        boolean plain = !key.isEmpty() && key.indexOf('.') < 0 && key.indexOf('[') < 0
                && !key.chars().allMatch(Character::isDigit);
        if (!plain && key.indexOf(']') >= 0) {
            throw new IllegalArgumentException(prefix + ": map key " + key + " contains ']'");
        }
        if (plain) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }
        return prefix + "[" + key + "]";
    }

    /** The nested object of flat {@code properties} (keys this codec does not write are refused). */
    public static Map<String, Object> unflatten(Map<String, ?> properties) {
        Map<String, Object> root = new TreeMap<>();
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            List<Object> path = split(e.getKey());
            Object value = EMPTY_MAP.equals(e.getValue()) ? new TreeMap<String, Object>() : e.getValue();
            put(root, path, 0, value, e.getKey());
        }
        return lists(root);
    }

    private static List<Object> split(String key) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            if (c == '[') {
                int end = key.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException(key + ": '[' without ']'");
                }
                parts.add(key.substring(i + 1, end));
                i = end + 1;
            } else if (c == '.') {
                i++;
            } else {
                int end = i;
                while (end < key.length() && key.charAt(end) != '.' && key.charAt(end) != '[') {
                    end++;
                }
                String part = key.substring(i, end);
                parts.add(part.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(part) : part);
                i = end;
            }
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, List<Object> path, int at, Object value, String key) {
        String part = String.valueOf(path.get(at));
        if (path.get(at) instanceof Integer n) {
            part = "\u0000" + String.format("%09d", n);
        }
        if (at == path.size() - 1) {
            if (node.get(part) instanceof Map<?, ?> m && !m.isEmpty()) {
                throw new IllegalArgumentException(key + ": a value where an object is");
            }
            node.put(part, value);
            return;
        }
        Object child = node.computeIfAbsent(part, k -> new TreeMap<String, Object>());
        if (!(child instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(key + ": an object where a value is");
        }
        put((Map<String, Object>) child, path, at + 1, value, key);
    }

    /** Maps whose keys are all indexes become lists. */
    private static Map<String, Object> lists(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return v;
        }
        Map<String, Object> map = (Map<String, Object>) m;
        if (!map.isEmpty() && map.keySet().stream().allMatch(k -> k.startsWith("\u0000"))) {
            List<Object> list = new ArrayList<>();
            map.values().forEach(x -> list.add(convert(x)));
            return list;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, x) -> out.put(k, convert(x)));
        return out;
    }
}
