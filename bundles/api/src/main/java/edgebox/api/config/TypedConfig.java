package edgebox.api.config;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Map;

/**
 * A configuration annotation's view of a property map, as SCR gives components: what the validator checks is read
 * through the same typed methods the components use. Missing keys take the annotation's defaults; a value that is not
 * of the method's type throws {@link IllegalArgumentException} naming the key.
 */
public final class TypedConfig {

    private TypedConfig() {
    }

    public static <A> A of(Class<A> type, Map<String, ?> props) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? type.getSimpleName() + props : null;
            }
            Object v = props.get(key(m.getName()));
            return v == null ? m.getDefaultValue() : convert(key(m.getName()), v, m.getReturnType());
        });
        return type.cast(proxy);
    }

    /**
     * The property a method of the type reads, by Declarative Services' mapping (OSGi Compendium 112.8.2.1):
     * {@code $_$} is {@code -}, {@code $$} is {@code $}, another {@code $} is dropped, {@code __} is {@code _} and
     * {@code _} is {@code .}; so {@code balance_policy()} reads {@code balance.policy}.
     */
    public static String key(String method) {
        StringBuilder b = new StringBuilder(method.length());
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c == '$') {
                if (method.startsWith("$_$", i)) {
                    b.append('-');
                    i += 2;
                } else if (method.startsWith("$$", i)) {
                    b.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (method.startsWith("__", i)) {
                    b.append('_');
                    i++;
                } else {
                    b.append('.');
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static Object convert(String key, Object v, Class<?> to) {
        if (to.isArray()) {
            Object[] items = v instanceof Collection<?> c ? c.toArray() : v.getClass().isArray()
                    ? toObjects(v) : new Object[] {v};
            Object out = Array.newInstance(to.getComponentType(), items.length);
            for (int i = 0; i < items.length; i++) {
                Array.set(out, i, convert(key, items[i], to.getComponentType()));
            }
            return out;
        }
        String s = String.valueOf(v).trim();
        try {
            if (to == int.class) {
                return v instanceof Number n ? n.intValue() : Integer.parseInt(s);
            } else if (to == long.class) {
                return v instanceof Number n ? n.longValue() : Long.parseLong(s);
            } else if (to == double.class) {
                return v instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
            } else if (to == boolean.class) {
                return v instanceof Boolean b ? b : Boolean.parseBoolean(s);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + s + "\" is not a "
                    + (to == double.class ? "number" : "whole number"), e);
        }
        return v instanceof String str ? str : String.valueOf(v);
    }

    private static Object[] toObjects(Object array) {
        Object[] out = new Object[Array.getLength(array)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Array.get(array, i);
        }
        return out;
    }
}
