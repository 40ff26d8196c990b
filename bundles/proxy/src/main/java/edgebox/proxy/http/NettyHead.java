package edgebox.proxy.http;

import java.util.List;
import java.util.Locale;

import edgebox.proxy.route.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A netty request (HTTP/1.1, or HTTP/2 converted to HTTP/1.1 objects, where :authority became Host) seen as the
 * routing contract's {@link RequestHead}, once {@link RequestTarget} has checked it: the target is origin-form (or
 * {@code *}) and the one Host field names the authority. The URI is split once; header lookups go to netty's headers.
 */
final class NettyHead implements RequestHead {

    private final HttpRequest request;
    private final String uri;
    private final String scheme;
    private final String host;
    private final String authority;
    private final String path;
    private final String query;

    NettyHead(HttpRequest request, String scheme) {
        this.request = request;
        this.scheme = scheme;
        String uri = request.uri();
        this.uri = uri;
        int q = uri.indexOf('?');
        String p = q < 0 ? uri : uri.substring(0, q);
        this.path = p.isEmpty() ? "/" : p;
        this.query = q < 0 ? "" : uri.substring(q + 1);
        String h = request.headers().get(HttpHeaderNames.HOST, "");
        this.authority = h;
        this.host = stripPort(h).toLowerCase(Locale.ROOT);
    }

    static String stripPort(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    HttpRequest request() {
        return request;
    }

    /** The request target in origin-form, before any route's rewrite. */
    String uri() {
        return uri;
    }

    /** The Host header (or :authority) as sent, port included. */
    String authority() {
        return authority;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }
}
