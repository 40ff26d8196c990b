package edgebox.config.cfg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.AttributeSpec;
import edgebox.config.model.Schema;
import edgebox.config.model.ValueType;

class ValueConverterTest {

    private final Schema schema = Schema.of("demo", List.of(
            AttributeSpec.of("port", ValueType.INTEGER),
            AttributeSpec.of("size", ValueType.LONG),
            AttributeSpec.of("enabled", ValueType.BOOLEAN),
            AttributeSpec.of("ratio", ValueType.DOUBLE),
            AttributeSpec.of("name", ValueType.STRING),
            new AttributeSpec("hosts", ValueType.STRING, Integer.MAX_VALUE, null),
            new AttributeSpec("ports", ValueType.INTEGER, -3, null),
            new AttributeSpec("level", ValueType.INTEGER, 0, v -> Integer.parseInt(v) > 10 ? "at most 10" : "")));

    @Test
    void convertsToDeclaredTypes() {
        ValueConverter.Result r = ValueConverter.convert("demo", Map.of("port", " 9090 ", "size", "5000000000",
                "enabled", "TRUE", "ratio", "0.5", "name", "box", "hosts", "a, b\\,c ,d", "ports", "1,2",
                "level", "7", "extra", "kept as text"), schema);
        assertEquals(List.of(), r.problems());
        Map<String, Object> p = r.properties();
        assertEquals(9090, p.get("port"));
        assertEquals(5_000_000_000L, p.get("size"));
        assertEquals(Boolean.TRUE, p.get("enabled"));
        assertEquals(0.5, p.get("ratio"));
        assertEquals("box", p.get("name"));
        assertArrayEquals(new String[] {"a", "b,c", "d"}, (String[]) p.get("hosts"));
        assertEquals(List.of(1, 2), p.get("ports"));
        assertEquals(7, p.get("level"));
        assertEquals("kept as text", p.get("extra"));
    }

    @Test
    void withoutSchemaEverythingIsAString() {
        ValueConverter.Result r = ValueConverter.convert("x", Map.of("port", "9090"), null);
        assertEquals(Map.of("port", "9090"), r.properties());
    }

    @Test
    void everyBadValueIsNamed() {
        Map<String, String> in = new TreeMap<>(Map.of("port", "90x", "enabled", "yes", "ratio", "NaN",
                "size", "1.5", "ports", "1,2,3,4", "level", "11", "hosts", ""));
        ValueConverter.Result r = ValueConverter.convert("demo", in, schema);
        assertTrue(r.properties().isEmpty());
        List<String> got = r.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "demo: enabled: not a boolean (true or false): 'yes'",
                "demo: level: at most 10 (value '11')",
                "demo: port: not an integer: '90x'",
                "demo: ports: at most 3 values allowed, got 4",
                "demo: ratio: not a finite number: 'NaN'",
                "demo: size: not a long: '1.5'"), got);
    }

    @Test
    void badListElementIsNamedByIndex() {
        ValueConverter.Result r = ValueConverter.convert("demo", Map.of("ports", "1,x"), schema);
        assertEquals("demo: ports: element 1: not an integer: 'x'", r.problems().get(0).toString());
    }

    @Test
    void emptyListIsEmpty() {
        ValueConverter.Result r = ValueConverter.convert("demo", Map.of("hosts", " "), schema);
        assertArrayEquals(new String[0], (String[]) r.properties().get("hosts"));
    }

    @Test
    void splitHonoursEscapes() {
        assertEquals(List.of("a,b", "c\\d", "e"), ValueConverter.split("a\\,b, c\\\\d ,e"));
    }
}
