package edgebox.acme.client;

import java.time.Instant;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * An ACME failure: a problem document from the server (RFC 8555 section 6.7, type and detail, HTTP status, the
 * subproblems by identifier), or a local failure (I/O, timeout) with an empty type. {@link #retryAfter()} is when
 * the server allows the next try (rate limits, RFC 8555 section 6.6), or null.
 */
public final class AcmeException extends Exception {

    private static final long serialVersionUID = 1L;
    public static final String PREFIX = "urn:ietf:params:acme:error:";

    private final String type;
    private final int status;
    private final transient Instant retryAfter;

    public AcmeException(String type, int status, String message, Instant retryAfter, Throwable cause) {
        super(message, cause);
        this.type = type == null ? "" : type;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public AcmeException(String message) {
        this("", 0, message, null, null);
    }

    /** From a problem document; the message carries the detail and the subproblems. */
    static AcmeException problem(String what, int status, JsonObject doc, Instant retryAfter) {
        String type = doc.getString("type", "");
        StringBuilder m = new StringBuilder(what).append(": ").append(shortType(type));
        if (doc.get("detail") instanceof JsonString detail) {
            m.append(": ").append(detail.getString());
        }
        if (doc.get("subproblems") instanceof JsonArray subs) {
            for (JsonValue v : subs) {
                if (v instanceof JsonObject sub) {
                    String id = sub.get("identifier") instanceof JsonObject i ? i.getString("value", "?") : "?";
                    m.append("; ").append(id).append(": ").append(shortType(sub.getString("type", "")))
                            .append(": ").append(sub.getString("detail", ""));
                }
            }
        }
        return new AcmeException(type, status, m.toString(), retryAfter, null);
    }

    private static String shortType(String type) {
        return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public Instant retryAfter() {
        return retryAfter;
    }

    public boolean is(String shortType) {
        return type.equals(PREFIX + shortType);
    }
}
