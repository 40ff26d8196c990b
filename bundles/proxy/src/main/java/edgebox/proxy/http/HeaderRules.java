package edgebox.proxy.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import edgebox.proxy.route.RouteDecision.HeaderChanges;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Header rules shared by requests and responses: hop-by-hop fields (RFC 9110 7.6.1), the HTTP/2 conversion's
 * extension fields, Gateway API header modifiers (set, add, remove in that order), X-Forwarded-For as Envoy appends
 * it and request ids. Works on netty's headers in place.
 */
final class HeaderRules {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString[] HTTP2_EXTENSIONS = {AsciiString.cached("x-http2-scheme"),
            AsciiString.cached("x-http2-stream-id"), AsciiString.cached("x-http2-path"),
            AsciiString.cached("x-http2-stream-promise-id"), AsciiString.cached("x-http2-stream-dependency-id"),
            AsciiString.cached("x-http2-stream-weight")};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HeaderRules() {
    }

    /**
     * Removes the hop-by-hop fields and those the Connection field names. {@code keepUpgrade} keeps Connection and
     * Upgrade (a WebSocket handshake); {@code TE: trailers} stays (gRPC needs it, as Envoy keeps it);
     * Transfer-Encoding is left to the caller, which frames the body.
     */
    static void stripHopByHop(HttpHeaders h, boolean keepUpgrade) {
        if (!keepUpgrade) {
            List<String> connection = h.getAll(HttpHeaderNames.CONNECTION);
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String t = token.trim();
                    if (!t.isEmpty() && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(t)) {
                        h.remove(t);
                    }
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
            h.remove(HttpHeaderNames.UPGRADE);
        }
        h.remove(KEEP_ALIVE);
        h.remove(PROXY_CONNECTION);
        String te = h.get(HttpHeaderNames.TE);
        if (te != null && !HttpHeaderValues.TRAILERS.contentEqualsIgnoreCase(te.trim())) {
            h.remove(HttpHeaderNames.TE);
        }
        h.remove(HttpHeaderNames.TRAILER);
        if (h.contains(HTTP2_EXTENSIONS[0]) || h.contains(HTTP2_EXTENSIONS[1])) {
            for (AsciiString name : HTTP2_EXTENSIONS) {
                h.remove(name);
            }
        }
    }

    /** A Gateway API header modifier: set replaces, add appends, remove drops. */
    static void apply(HttpHeaders h, HeaderChanges changes) {
        if (changes == null || changes == HeaderChanges.NONE) {
            return;
        }
        for (Map.Entry<String, String> e : changes.set().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : changes.add().entrySet()) {
            h.add(e.getKey(), e.getValue());
        }
        for (String name : changes.remove()) {
            h.remove(name);
        }
    }

    /** Appends the client's address to X-Forwarded-For (Envoy's use_remote_address) and sets X-Forwarded-Proto. */
    static void forwarded(HttpHeaders h, String clientIp, String scheme) {
        String xff = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
        h.set(X_FORWARDED_PROTO, "https".equals(scheme) ? HTTPS : "http".equals(scheme) ? HTTP : scheme);
    }

    /** The request's X-Request-Id, set to a new random UUID (version 4) when absent. */
    static String requestId(HttpHeaders h) {
        return requestIdValue(h).toString();
    }

    /**
     * As {@link #requestId}, without making a String: a new id is ASCII bytes (netty writes them to the upstream as
     * they are); the access log makes its text only when it is on.
     */
    static CharSequence requestIdValue(HttpHeaders h) {
        CharSequence id = h.get(X_REQUEST_ID);
        if (id == null || id.isEmpty()) {
            id = uuidAscii();
            h.set(X_REQUEST_ID, id);
        }
        return id;
    }

    static String uuid() {
        return uuidAscii().toString();
    }

    /** A random UUID (version 4, RFC 9562) in its 36-character form, as one byte array. */
    static AsciiString uuidAscii() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = r.nextLong() & ~0xF000L | 0x4000L;
        long lo = r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        byte[] c = new byte[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long word = i < 16 ? hi : lo;
            int shift = 60 - 4 * (i % 16);
            c[p++] = HEX[(int) (word >>> shift) & 0xF];
        }
        return new AsciiString(c, false);
    }

    static boolean isWebSocketUpgrade(HttpHeaders h) {
        return h.contains(HttpHeaderNames.UPGRADE)
                && h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }
}
