package edgebox.api.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The codec between a manifest object (nested maps and lists) and Config Admin properties. Nested keys are joined
 * by {@code .}, list items by their index ({@code spec.listeners.0.port}); a map key that contains {@code .},
 * {@code [} or is all digits is written {@code [key]} without a leading dot
 * ({@code metadata.annotations[external-dns.alpha.kubernetes.io/hostname]}). Values become Long, Double, Boolean or
 * String; nulls are dropped. An empty map or list is kept as the text {@value #EMPTY_MAP} or {@value #EMPTY_LIST}
 * ({@code spec.selector.matchLabels = {}}: an empty selector selects everything); a string that is one of these
 * texts, after any number of backslashes, gets one backslash more ({@code \{}}), so it stays a string.
 * {@link #unflatten} accepts what {@link #flatten} writes and the same keys written by hand, and leaves the other
 * values as they are (a .cfg gives strings).
 */
public final class FlatProperties {

    /** The value of an empty map. */
    public static final String EMPTY_MAP = "{}";

    /** The value of an empty list. */
    public static final String EMPTY_LIST = "[]";

    /** Prefixes of what Config Admin, Declarative Services, Felix and edgebox add to a configuration. */
    private static final List<String> ADDED = List.of("service.", "component.", "felix.", "edgebox.");

    private FlatProperties() {
    }

    /**
     * The properties that belong to the object a configuration holds, in their order: without the ones Config Admin,
     * Declarative Services, Felix and edgebox add ({@code service.pid}, {@code component.name},
     * {@code edgebox.source} and the like: every key starting {@code service.}, {@code component.}, {@code felix.}
     * or {@code edgebox.}).
     */
    public static Map<String, Object> own(Map<String, ?> properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (ADDED.stream().noneMatch(key::startsWith)) {
                out.put(key, value);
            }
        });
        return out;
    }

    /** A configuration's properties as Config Admin hands them over, as a map. */
    public static Map<String, Object> of(Dictionary<String, ?> properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            out.put(key, properties.get(key));
        }
        return out;
    }

    public static Map<String, Object> flatten(Map<String, Object> object) {
        Map<String, Object> out = new LinkedHashMap<>();
        walk("", object, out);
        return out;
    }

    private static void walk(String prefix, Object value, Map<String, Object> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !prefix.isEmpty()) {
                out.put(prefix, EMPTY_MAP);
            }
            map.forEach((k, v) -> walk(join(prefix, String.valueOf(k)), v, out));
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty() && !prefix.isEmpty()) {
                out.put(prefix, EMPTY_LIST);
            }
            int i = 0;
            for (Object item : list) {
                walk(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, item, out);
                i++;
            }
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.put(prefix, ((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            out.put(prefix, ((Number) value).doubleValue());
        } else if (value instanceof Boolean) {
            out.put(prefix, value);
        } else {
            String text = String.valueOf(value);
            out.put(prefix, marker(text) ? "\\" + text : text);
        }
    }

    /** Whether {@code text} is {@value #EMPTY_MAP} or {@value #EMPTY_LIST} after any number of backslashes. */
    private static boolean marker(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == '\\') {
            i++;
        }
        String rest = text.substring(i);
        return rest.equals(EMPTY_MAP) || rest.equals(EMPTY_LIST);
    }

    /** A property value as the object holds it: the empty markers become an empty map or list, escapes lose one. */
    private static Object decode(Object value) {
        if (!(value instanceof String text) || !marker(text)) {
            return value;
        }
        if (text.equals(EMPTY_MAP)) {
            return new LinkedHashMap<String, Object>();
        }
        return text.equals(EMPTY_LIST) ? new ArrayList<>() : text.substring(1);
    }

    private static String join(String prefix, String key) {
        boolean plain = !key.isEmpty() && key.indexOf('.') < 0 && key.indexOf('[') < 0 && key.indexOf(']') < 0
                && !key.chars().allMatch(Character::isDigit);
        if (!plain) {
            if (key.indexOf(']') >= 0) {
                throw new IllegalArgumentException(prefix + ": map key " + key + " contains ']'");
            }
            return prefix + "[" + key + "]";
        }
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /**
     * Rebuilds the nested object. Keys are read in sorted order, so the result does not depend on the order of the
     * properties. Throws IllegalArgumentException naming the key when keys contradict each other.
     */
    public static Map<String, Object> unflatten(Map<String, ?> properties) {
        Map<String, Object> root = new LinkedHashMap<>();
        Set<Object> empties = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(properties).entrySet()) {
            List<Object> path = segments(e.getKey());
            Object value = decode(e.getValue());
            if (value != null && value.getClass().isArray()) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                    items.add(java.lang.reflect.Array.get(value, i));
                }
                value = items;
            }
            if (value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty()) {
                empties.add(value);
            }
            put(root, path, value, e.getKey(), empties);
        }
        return toLists(root, "");
    }

    /** Segments of a key: String for a map key, Integer for a list index. */
    static List<Object> segments(String key) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = key.length();
        while (i < n) {
            char c = key.charAt(i);
            if (c == '[') {
                int end = key.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException(key + ": '[' without ']'");
                }
                out.add(key.substring(i + 1, end));
                i = end + 1;
                if (i < n && key.charAt(i) == '.') {
                    i++;
                    if (i == n) {
                        throw new IllegalArgumentException(key + ": ends with '.'");
                    }
                }
            } else {
                int end = i;
                while (end < n && key.charAt(end) != '.' && key.charAt(end) != '[') {
                    end++;
                }
                String part = key.substring(i, end);
                if (part.isEmpty()) {
                    throw new IllegalArgumentException(key + ": empty name between dots");
                }
                out.add(part.chars().allMatch(Character::isDigit) && part.length() < 9
                        ? (Object) Integer.valueOf(part) : part);
                i = end;
                if (i < n && key.charAt(i) == '.') {
                    i++;
                    if (i == n) {
                        throw new IllegalArgumentException(key + ": ends with '.'");
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty property name");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<Object> path, Object value, String key,
            Set<Object> empties) {
        Map<Object, Object> node = (Map<Object, Object>) (Map<?, ?>) root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object child = node.get(path.get(i));
            if (child != null && empties.contains(child)) {
                throw new IllegalArgumentException(key + ": " + describe(path, i) + " is both empty and not");
            }
            if (child == null) {
                child = new LinkedHashMap<Object, Object>();
                node.put(path.get(i), child);
            } else if (!(child instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(key + ": " + describe(path, i) + " is both a value and an object");
            }
            node = (Map<Object, Object>) child;
        }
        Object last = path.get(path.size() - 1);
        if (node.containsKey(last)) {
            throw new IllegalArgumentException(key + ": " + describe(path, path.size() - 1)
                    + " is both a value and an object");
        }
        node.put(last, value);
    }

    private static String describe(List<Object> path, int upTo) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= upTo; i++) {
            Object p = path.get(i);
            if (p instanceof Integer) {
                b.append('[').append(p).append(']');
            } else {
                b.append(b.isEmpty() ? "" : ".").append(p);
            }
        }
        return b.toString();
    }

    /** Maps keyed only by indexes 0..n-1 become lists; a gap or a mix of names and indexes is refused. */
    @SuppressWarnings("unchecked")
    private static <T> T toLists(Map<?, ?> node, String where) {
        boolean indexed = !node.isEmpty() && node.keySet().stream().allMatch(k -> k instanceof Integer);
        boolean mixed = !indexed && node.keySet().stream().anyMatch(k -> k instanceof Integer);
        if (mixed) {
            throw new IllegalArgumentException(where + ": mixes list indexes and names");
        }
        if (indexed) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.containsKey(i)) {
                    throw new IllegalArgumentException(where + ": list index " + i + " is missing");
                }
                Object v = node.get(i);
                list.add(v instanceof Map<?, ?> m ? toLists(m, where + "[" + i + "]") : v);
            }
            return (T) list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.forEach((k, v) -> {
            String name = (String) k;
            map.put(name, v instanceof Map<?, ?> m ? toLists(m, where.isEmpty() ? name : where + "." + name) : v);
        });
        return (T) map;
    }
}
