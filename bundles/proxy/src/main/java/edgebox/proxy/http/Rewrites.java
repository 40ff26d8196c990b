package edgebox.proxy.http;

import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
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

    /**
     * The request of {@code head} as it goes to the backend of {@code f}: {@code websocket} keeps the Upgrade fields
     * (and an HTTP/2 extended CONNECT, whose stream stays open, gets no chunked body), {@code h2Upstream} frames the
     * body for an h2c stream, {@code http1} tells where the request came from.
     */
    static void request(NettyHead head, Conn conn, Forward f, boolean websocket, boolean h2Upstream, boolean http1) {
        HttpRequest r = head.request();
        HttpHeaders h = r.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        HeaderRules.stripHopByHop(h, websocket);
        h.remove(HttpHeaderNames.EXPECT);
        if (f.host() != null && !f.host().isEmpty() && !f.host().equals(head.host())) {
            h.set(HttpHeaderNames.HOST, f.host());
        } else if (!h.contains(HttpHeaderNames.HOST) && !head.authority().isEmpty()) {
            h.set(HttpHeaderNames.HOST, head.authority());
        }
        if (f.path() != null && !f.path().isEmpty()) {
            r.setUri(f.path());
        }
        HeaderRules.forwarded(h, conn.clientIp(), conn.scheme());
        HeaderRules.apply(h, f.requestHeaders());
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (h2Upstream) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        } else if (chunked || !websocket && !h.contains(HttpHeaderNames.CONTENT_LENGTH)
                && bodyOfUnknownLength(r, http1)) {
            HttpUtil.setTransferEncodingChunked(r, true);
        }
    }

    private static boolean bodyOfUnknownLength(HttpRequest r, boolean http1) {
        return !http1 && !(r instanceof LastHttpContent);
    }

    /**
     * The backend's response head to {@code request} as it goes to the client, with the route's header
     * {@code changes}. Returns whether the client's connection is kept: {@code keepAlive}, unless an HTTP/1.x
     * client cannot frame the body otherwise or the connection is {@code draining}.
     */
    static boolean response(HttpResponse r, HttpRequest request, HeaderChanges changes, boolean http1,
            boolean keepAlive, boolean draining) {
        HttpHeaders h = r.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        HeaderRules.stripHopByHop(h, false);
        HeaderRules.apply(h, changes);
        if (!http1) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            return keepAlive;
        }
        boolean keep = keepAlive;
        boolean http10 = request.protocolVersion() == HttpVersion.HTTP_1_0;
        boolean bodyless = r instanceof LastHttpContent || request.method() == HttpMethod.HEAD
                || r.status().code() == 204 || r.status().code() == 304
                || h.contains(HttpHeaderNames.CONTENT_LENGTH);
        if (chunked && http10) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            keep = false;
        } else if (!chunked && !bodyless) {
            if (http10) {
                keep = false;
            } else {
                HttpUtil.setTransferEncodingChunked(r, true);
            }
        }
        if (r instanceof LastHttpContent full && !h.contains(HttpHeaderNames.CONTENT_LENGTH)
                && r.status().code() != 204 && r.status().code() != 304) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, full.content().readableBytes());
        }
        if (draining) {
            keep = false;
        }
        if (!keep) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        r.setProtocolVersion(HttpVersion.HTTP_1_1);
        return keep;
    }
}
