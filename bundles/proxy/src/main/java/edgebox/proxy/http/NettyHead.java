package edgebox.proxy.http;

import java.util.List;
import java.util.Locale;

import edgebox.proxy.route.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A netty request (HTTP/1.1, or HTTP/2 converted to HTTP/1.1 objects, where :authority became Host) seen as the
 * routing contract's {@link RequestHead}. The URI is split once; header lookups go to netty's headers.
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
        int start = 0;
        String uriAuthority = null;
        if (!uri.startsWith("/")) {
            int sep = uri.indexOf("://");
            if (sep > 0) {
                int slash = uri.indexOf('/', sep + 3);
                uriAuthority = uri.substring(sep + 3, slash < 0 ? uri.length() : slash);
                start = slash < 0 ? uri.length() : slash;
            }
        }
        int q = uri.indexOf('?', start);
        String p = q < 0 ? uri.substring(start) : uri.substring(start, q);
        this.path = p.isEmpty() ? "/" : p;
        this.query = q < 0 ? "" : uri.substring(q + 1);
        String h = uriAuthority != null ? uriAuthority : request.headers().get(HttpHeaderNames.HOST, "");
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

    /** The request target as it arrived, before any rewrite. */
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
