package edgebox.proxy.http;

import java.util.Iterator;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;

/**
 * The edge's rules for a request's target and Host, applied to a decoded head before anything routes it, so routing,
 * header matches, policy and the backend all see one name. HTTP/1.1 (RFC 9112 3.2, 3.2.2; RFC 9110 7.2, 4.2.1):
 * one Host field line with a valid value; an origin-form target, {@code *} for OPTIONS, or an absolute-form http(s)
 * target, whose authority replaces the Host field and which goes on in origin-form. HTTP/2 (RFC 9113 8.3.1), after
 * netty turned :authority into Host: a Host field that differs from :authority is refused, one that repeats it is
 * dropped; :path is origin-form (or {@code *} for OPTIONS). CONNECT is not proxied; an extended CONNECT (RFC 8441)
 * that reaches this check names a protocol other than websocket ({@link ExtendedConnect} turned that one into a
 * GET) and is answered 501 (RFC 9220 3).
 */
final class RequestTarget {

    /** Why a head was refused: the answer's status, the counter's reason and the detail for the log. */
    record Refusal(int status, String reason, String detail) {
    }

    static final Refusal CONNECT = new Refusal(501, "connect-unsupported", "CONNECT is not proxied");
    private static final Refusal HOST_LINES = new Refusal(400, "bad-host", "more than one Host field line");
    private static final Refusal HOST_AUTHORITY = new Refusal(400, "bad-host", "Host differs from :authority");
    private static final Refusal HOST_VALUE = new Refusal(400, "bad-host", "Host is not host[:port]");
    private static final Refusal TARGET = new Refusal(400, "bad-target",
            "request target is not origin-form, absolute-form http(s) or * for OPTIONS");
    private static final Refusal TARGET_AUTHORITY = new Refusal(400, "bad-target",
            "absolute-form target without a valid host[:port] authority (no userinfo)");

    private RequestTarget() {
    }

    /**
     * Checks {@code r} and brings an absolute-form target to origin-form with its authority as Host, in place.
     * Returns null when the head may go on, else why it is refused.
     */
    static Refusal check(HttpRequest r, boolean http1) {
        if (r.method() == HttpMethod.CONNECT) {
            String protocol = http1 ? null : r.headers().get(HttpConversionUtil.ExtensionHeaderNames.PROTOCOL.text());
            return protocol == null ? CONNECT : new Refusal(501, "connect-protocol-unsupported",
                    "extended CONNECT for protocol \"" + protocol + "\" is not proxied (only websocket)");
        }
        HttpHeaders h = r.headers();
        Refusal host = http1 ? oneHostLine(h) : hostMatchesAuthority(h);
        if (host != null) {
            return host;
        }
        String uri = r.uri();
        if (uri.startsWith("/")) {
            return null;
        }
        if (uri.equals("*")) {
            return r.method() == HttpMethod.OPTIONS ? null : TARGET;
        }
        if (!http1) {
            return TARGET;
        }
        int start = schemeEnd(uri);
        if (start < 0) {
            return TARGET;
        }
        int end = start;
        while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
            end++;
        }
        String authority = uri.substring(start, end);
        if (authority.isEmpty() || !validHost(authority)) {
            return TARGET_AUTHORITY;
        }
        h.set(HttpHeaderNames.HOST, authority);
        r.setUri(end == uri.length() || uri.charAt(end) != '/' ? "/" + uri.substring(end) : uri.substring(end));
        return null;
    }

    private static Refusal oneHostLine(HttpHeaders h) {
        Iterator<? extends CharSequence> values = h.valueCharSequenceIterator(HttpHeaderNames.HOST);
        if (!values.hasNext()) {
            return null;
        }
        CharSequence value = values.next();
        if (values.hasNext()) {
            return HOST_LINES;
        }
        return validHost(value) ? null : HOST_VALUE;
    }

    private static Refusal hostMatchesAuthority(HttpHeaders h) {
        Iterator<? extends CharSequence> values = h.valueCharSequenceIterator(HttpHeaderNames.HOST);
        if (!values.hasNext()) {
            return null;
        }
        CharSequence first = values.next();
        boolean repeated = false;
        while (values.hasNext()) {
            if (!AsciiString.contentEquals(values.next(), first)) {
                return HOST_AUTHORITY;
            }
            repeated = true;
        }
        if (!validHost(first)) {
            return HOST_VALUE;
        }
        if (repeated) {
            h.set(HttpHeaderNames.HOST, first);
        }
        return null;
    }

    /** The index after {@code http://} or {@code https://} (any case), or -1 when the target starts otherwise. */
    private static int schemeEnd(String uri) {
        if (uri.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        return uri.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
    }

    /**
     * Whether {@code v} is {@code uri-host [":" port]} (RFC 3986): an IP literal in brackets or a reg-name
     * (unreserved, percent-encoded, sub-delims; empty allowed), then digits after an optional colon. No userinfo,
     * no spaces, no commas from a joined list.
     */
    static boolean validHost(CharSequence v) {
        int n = v.length();
        int i = 0;
        if (n > 0 && v.charAt(0) == '[') {
            i = 1;
            while (i < n && v.charAt(i) != ']') {
                char c = v.charAt(i);
                if (!(hex(c) || c == ':' || c == '.')) {
                    return false;
                }
                i++;
            }
            if (i == n || i == 1) {
                return false;
            }
            i++;
        } else {
            while (i < n && v.charAt(i) != ':') {
                char c = v.charAt(i);
                if (c == '%') {
                    if (i + 2 >= n || !hex(v.charAt(i + 1)) || !hex(v.charAt(i + 2))) {
                        return false;
                    }
                    i += 3;
                    continue;
                }
                if (!regNameChar(c)) {
                    return false;
                }
                i++;
            }
        }
        if (i == n) {
            return true;
        }
        if (v.charAt(i) != ':') {
            return false;
        }
        for (i++; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** unreserved and sub-delims of RFC 3986, without the comma (a joined field list is never one host). */
    private static boolean regNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~'
                || c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+'
                || c == ';' || c == '=';
    }
}
