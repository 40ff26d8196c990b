package edgebox.proxy.http;

import edgebox.proxy.route.RouteDecision.Forward;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * What the proxy changes in a forwarded request and its response, in place: hop-by-hop fields, Host and path
 * after URLRewrite, X-Forwarded-For/-Proto, the route's header modifiers, and the body framing each side needs.
 */
final class Rewrites {

    private Rewrites() {
    }

    static void request(Exchange x, Forward f) {
        HttpRequest r = x.request;
        HttpHeaders h = r.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        HeaderRules.stripHopByHop(h, x.websocket);
        h.remove(HttpHeaderNames.EXPECT);
        if (f.host() != null && !f.host().isEmpty() && !f.host().equals(x.head.host())) {
            h.set(HttpHeaderNames.HOST, f.host());
        } else if (!h.contains(HttpHeaderNames.HOST) && !x.head.authority().isEmpty()) {
            h.set(HttpHeaderNames.HOST, x.head.authority());
        }
        if (f.path() != null && !f.path().isEmpty()) {
            r.setUri(f.path());
        }
        HeaderRules.forwarded(h, x.conn.clientIp(), x.conn.scheme());
        HeaderRules.apply(h, f.requestHeaders());
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
        boolean h2Upstream = x.cluster.h2c() && !x.websocket;
        if (h2Upstream) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        } else if (chunked || !h.contains(HttpHeaderNames.CONTENT_LENGTH) && bodyOfUnknownLength(x)) {
            HttpUtil.setTransferEncodingChunked(r, true);
        }
    }

    private static boolean bodyOfUnknownLength(Exchange x) {
        return !x.http1 && !(x.request instanceof LastHttpContent);
    }

    static void response(Exchange x, HttpResponse r) {
        HttpHeaders h = r.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        HeaderRules.stripHopByHop(h, false);
        if (x.forward != null) {
            HeaderRules.apply(h, x.forward.responseHeaders());
        }
        if (!x.http1) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            return;
        }
        boolean http10 = x.request.protocolVersion() == HttpVersion.HTTP_1_0;
        boolean bodyless = r instanceof LastHttpContent || x.request.method() == io.netty.handler.codec.http.HttpMethod.HEAD
                || r.status().code() == 204 || r.status().code() == 304
                || h.contains(HttpHeaderNames.CONTENT_LENGTH);
        if (chunked && http10) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            x.noKeepAlive();
        } else if (!chunked && !bodyless) {
            if (http10) {
                x.noKeepAlive();
            } else {
                HttpUtil.setTransferEncodingChunked(r, true);
            }
        }
        if (r instanceof LastHttpContent full && !h.contains(HttpHeaderNames.CONTENT_LENGTH)
                && r.status().code() != 204 && r.status().code() != 304) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, full.content().readableBytes());
        }
        if (x.owner.draining()) {
            x.noKeepAlive();
        }
        if (!x.clientKeepAlive()) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
    }
}
