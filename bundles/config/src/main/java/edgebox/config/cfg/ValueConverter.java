package edgebox.config.cfg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.AttributeSpec;
import edgebox.config.model.Schema;
import edgebox.config.model.ValueType;

/**
 * Turns the text values of a {@code .cfg} file into the types a PID's metatype declares. Multi-valued attributes
 * are split at unescaped commas ({@code \,} keeps a comma inside an element); a positive cardinality gives an
 * array, a negative one a list. Properties the schema does not declare stay strings. Every value is checked, so
 * one pass names every problem.
 */
public final class ValueConverter {

    /** The typed properties, or the problems (object and field filled, source left empty). */
    public record Result(Map<String, Object> properties, List<ConfigProblem> problems) {

        public Result {
            properties = Map.copyOf(properties);
            problems = List.copyOf(problems);
        }
    }

    private ValueConverter() {
    }

    public static Result convert(String object, Map<String, String> values, Schema schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        values.forEach((key, text) -> {
            AttributeSpec spec = schema == null ? null : schema.attributes().get(key);
            if (spec == null) {
                out.put(key, text);
                return;
            }
            try {
                out.put(key, convert(spec, text));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblem.of(object, key, e.getMessage()));
            }
        });
        return new Result(problems.isEmpty() ? out : Map.of(), problems);
    }

    /** One attribute's value: a single typed value, an array or a list. */
    static Object convert(AttributeSpec spec, String text) {
        if (!spec.multiple()) {
            return one(spec, text.trim());
        }
        List<String> parts = split(text);
        if (parts.size() > spec.maxValues()) {
            throw new IllegalArgumentException("at most " + spec.maxValues() + " values allowed, got " + parts.size());
        }
        List<Object> values = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            try {
                values.add(one(spec, parts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
            }
        }
        if (spec.cardinality() < 0) {
            return values;
        }
        Object array = java.lang.reflect.Array.newInstance(javaType(spec), values.size());
        for (int i = 0; i < values.size(); i++) {
            java.lang.reflect.Array.set(array, i, values.get(i));
        }
        return array;
    }

    /** Splits a list at commas not preceded by a backslash; {@code \,} becomes a comma and {@code \\} a backslash. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ',' || text.charAt(i + 1) == '\\')) {
                cur.append(text.charAt(++i));
            } else if (c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }

    private static Object one(AttributeSpec spec, String text) {
        Object value = switch (spec.type()) {
            case STRING, PASSWORD -> text;
            case BOOLEAN -> bool(text);
            case LONG -> number(text, "a long", Long::valueOf);
            case INTEGER -> number(text, "an integer", Integer::valueOf);
            case SHORT -> number(text, "a short", Short::valueOf);
            case BYTE -> number(text, "a byte", Byte::valueOf);
            case DOUBLE -> decimal(text, "a double", Double::valueOf);
            case FLOAT -> decimal(text, "a float", Float::valueOf);
            case CHARACTER -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("not a single character: '" + text + "'");
                }
                yield text.charAt(0);
            }
        };
        String reason = spec.check().apply(text);
        if (reason != null && !reason.isEmpty()) {
            boolean secret = spec.type() == ValueType.PASSWORD || Schema.isSecret(null, spec.id());
            throw new IllegalArgumentException(reason + (secret ? "" : " (value '" + text + "')"));
        }
        return value;
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean (true or false): '" + text + "'");
        };
    }

    private static <T> T number(String text, String what, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not " + what + ": '" + text + "'");
        }
    }

    private static <T extends Number> T decimal(String text, String what, java.util.function.Function<String, T> parse) {
        T value = number(text, what, parse);
        if (Double.isNaN(value.doubleValue()) || Double.isInfinite(value.doubleValue())) {
            throw new IllegalArgumentException("not a finite number: '" + text + "'");
        }
        return value;
    }

    private static Class<?> javaType(AttributeSpec spec) {
        return switch (spec.type()) {
            case STRING, PASSWORD -> String.class;
            case BOOLEAN -> Boolean.class;
            case LONG -> Long.class;
            case INTEGER -> Integer.class;
            case SHORT -> Short.class;
            case BYTE -> Byte.class;
            case DOUBLE -> Double.class;
            case FLOAT -> Float.class;
            case CHARACTER -> Character.class;
        };
    }
}
