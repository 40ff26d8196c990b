package edgebox.acme.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    @SuppressWarnings("unchecked")
    static AcmeException problem(String what, int status, Map<String, Object> doc, Instant retryAfter) {
        String type = String.valueOf(doc.getOrDefault("type", ""));
        StringBuilder m = new StringBuilder(what).append(": ").append(shortType(type));
        if (doc.get("detail") != null) {
            m.append(": ").append(doc.get("detail"));
        }
        if (doc.get("subproblems") instanceof List<?> subs) {
            for (Object o : subs) {
                if (o instanceof Map<?, ?> sub) {
                    Map<String, Object> s = (Map<String, Object>) sub;
                    Object id = s.get("identifier") instanceof Map<?, ?> i ? i.get("value") : "?";
                    m.append("; ").append(id).append(": ").append(shortType(String.valueOf(s.get("type"))))
                            .append(": ").append(s.get("detail"));
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
