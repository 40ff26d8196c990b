package edgebox.acme.client;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import org.eclipse.parsson.api.JsonConfig;

/**
 * The JSON of ACME servers and the Cloudflare API (RFC 8259), read and written by the JSON-P provider the caller
 * hands in, as {@code jakarta.json.Json}'s own provider lookup finds none in OSGi. Reading takes one JSON object and
 * nothing else, nested at most 64 deep, so a hostile server cannot exhaust the stack ({@link Http} bounds the size);
 * writing is compact, as JWS signing and the RFC 7638 thumbprint want.
 */
public final class RemoteJson {

    static final int MAX_DEPTH = 64;

    private final JsonParserFactory parsers;
    private final JsonWriterFactory writers;
    private final JsonBuilderFactory builders;

    public RemoteJson(JsonProvider provider) {
        this.parsers = provider.createParserFactory(Map.of(JsonConfig.MAX_DEPTH, MAX_DEPTH));
        this.writers = provider.createWriterFactory(Map.of());
        this.builders = provider.createBuilderFactory(Map.of());
    }

    /** The JSON object {@code text} holds; malformed text, another value or text after it throw with the reason. */
    public JsonObject object(String text) {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("expected a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("text after the JSON object at offset "
                        + parser.getLocation().getStreamOffset());
            }
            return object;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) { // Parsson's nesting limit throws a bare RuntimeException
            throw new JsonException(e.getMessage(), e);
        }
    }

    /** Compact JSON text, members in the order they were added. */
    public String text(JsonStructure value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = writers.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    public JsonObjectBuilder object() {
        return builders.createObjectBuilder();
    }

    public JsonArrayBuilder array() {
        return builders.createArrayBuilder();
    }
}
