package edgebox.l2.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one configuration's properties as Config Admin holds them (a .cfg gives strings, metatype gives
 * typed values); every failure names the field.
 */
final class Props {

    private final String object;
    private final Map<String, ?> map;

    Props(String object, Map<String, ?> map) {
        this.object = object;
        this.map = map;
    }

    String str(String key, String fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.getClass().isArray() || v instanceof Collection<?>) {
            List<String> all = list(key);
            return all.isEmpty() ? fallback : all.get(0);
        }
        String s = v.toString().strip();
        return s.isEmpty() ? fallback : s;
    }

    int integer(String key, int fallback, int min, int max) {
        String s = str(key, null);
        if (s == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw problem(key, "\"" + s + "\" is not a whole number");
        }
        if (n < min || n > max) {
            throw problem(key, n + " is out of range " + min + "-" + max);
        }
        return n;
    }

    boolean bool(String key, boolean fallback) {
        String s = str(key, null);
        if (s == null) {
            return fallback;
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw problem(key, "\"" + s + "\" is not true or false");
        };
    }

    /** A list: an array, a collection, or a comma separated string. */
    List<String> list(String key) {
        Object v = map.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                split(String.valueOf(java.lang.reflect.Array.get(v, i)), out);
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(item -> split(String.valueOf(item), out));
        } else {
            split(v.toString(), out);
        }
        return out;
    }

    private static void split(String s, List<String> out) {
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
    }

    IllegalArgumentException problem(String field, String reason) {
        return new PlanProblem(object, field, reason);
    }
}
