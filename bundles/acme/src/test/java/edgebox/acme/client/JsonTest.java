package edgebox.acme.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesAndWritesTheAcmeShapes() {
        String text = "{\"status\":\"valid\",\"n\":3,\"d\":1.5,\"ok\":true,\"none\":null,\"l\":[\"a\\\"b\",\"\\u00e9\"]}";
        Map<String, Object> o = Json.object(text);
        assertEquals("valid", o.get("status"));
        assertEquals(3L, o.get("n"));
        assertEquals(1.5, o.get("d"));
        assertEquals(List.of("a\"b", "\u00e9"), o.get("l"));
        assertEquals(o, Json.object(Json.write(o)));
    }

    @Test
    void refusesGarbageAndDeepNesting() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,2] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
        char[] deep = new char[1000];
        Arrays.fill(deep, '[');
        assertThrows(IllegalArgumentException.class, () -> Json.parse(new String(deep)));
    }
}
