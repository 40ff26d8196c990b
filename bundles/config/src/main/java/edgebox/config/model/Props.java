package edgebox.config.model;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Equality of configuration properties as Config Admin gives them back: arrays and collections by content. */
public final class Props {

    private Props() {
    }

    /** Whether two property maps hold the same values, ignoring the {@code service.*} properties Config Admin adds. */
    public static boolean same(Map<String, ?> a, Map<String, ?> b) {
        Map<String, ?> x = withoutService(a);
        Map<String, ?> y = withoutService(b);
        if (!x.keySet().equals(y.keySet())) {
            return false;
        }
        for (Map.Entry<String, ?> e : x.entrySet()) {
            if (!sameValue(e.getValue(), y.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public static Map<String, ?> withoutService(Map<String, ?> props) {
        Map<String, Object> out = new java.util.HashMap<>();
        props.forEach((k, v) -> {
            if (!k.equals("service.pid") && !k.equals("service.factoryPid") && !k.equals("service.bundleLocation")) {
                out.put(k, v);
            }
        });
        return out;
    }

    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        boolean seqA = a.getClass().isArray() || a instanceof Collection;
        boolean seqB = b.getClass().isArray() || b instanceof Collection;
        if (seqA != seqB) {
            return false;
        }
        if (!seqA) {
            return a.equals(b);
        }
        if (a.getClass().isArray() != b.getClass().isArray()) {
            return false;
        }
        if (a.getClass().isArray() && a.getClass() != b.getClass()) {
            return false;
        }
        List<Object> la = elements(a);
        List<Object> lb = elements(b);
        if (la.size() != lb.size()) {
            return false;
        }
        for (int i = 0; i < la.size(); i++) {
            if (!Objects.equals(la.get(i), lb.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The elements of an array or a collection, or the value alone. */
    public static List<Object> elements(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            out.addAll(c);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                out.add(Array.get(value, i));
            }
        } else {
            out.add(value);
        }
        return out;
    }

    /** A value in the text form a .cfg file and the console use: lists joined with commas. */
    public static String text(Object value) {
        if (value != null && (value instanceof Collection || value.getClass().isArray())) {
            StringBuilder b = new StringBuilder();
            for (Object e : elements(value)) {
                if (!b.isEmpty()) {
                    b.append(',');
                }
                b.append(String.valueOf(e).replace("\\", "\\\\").replace(",", "\\,"));
            }
            return b.toString();
        }
        return String.valueOf(value);
    }
}
