package edgebox.acme.client;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;

class RemoteJsonTest {

    @Test
    void readsAndWritesTheAcmeShapesCompactly() {
        String text = "{\"status\":\"valid\",\"n\":3,\"d\":1.5,\"ok\":true,\"none\":null,\"l\":[\"a\\\"b\",\"\\u00e9\"]}";
        JsonObject o = JSON.object(text);
        assertEquals("valid", o.getString("status"));
        assertEquals(3, o.getInt("n"));
        assertEquals(1.5, o.getJsonNumber("d").doubleValue());
        assertTrue(o.isNull("none"));
        assertEquals(List.of("a\"b", "\u00e9"), o.getJsonArray("l").getValuesAs(JsonString::getString));
        assertEquals(text.replace("\\u00e9", "\u00e9"), JSON.text(o));
        assertEquals("{\"b\":1,\"a\":[\"x\"]}", JSON.text(JSON.object().add("b", 1).add("a", JSON.array().add("x"))
                .build()), "members in the order they were added, no whitespace");
    }

    @Test
    void refusesGarbageOtherValuesAndTrailingText() {
        for (String bad : new String[] {"{\"a\":}", "\"open", "{\"a\":1", "[1,2]", "\"text\"", "{} x", "{}{}", ""}) {
            assertThrows(JsonException.class, () -> JSON.object(bad), bad);
        }
    }

    @Test
    void nestingIsBoundedAt64() {
        assertEquals(1, JSON.object(nested(RemoteJson.MAX_DEPTH - 1)).size());
        JsonException e = assertThrows(JsonException.class, () -> JSON.object(nested(RemoteJson.MAX_DEPTH + 1)));
        assertTrue(e.getMessage().contains("too deeply nested"), e.getMessage());
    }

    /** A well-formed object whose deepest array is {@code depth} levels down. */
    private static String nested(int depth) {
        return "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }
}
