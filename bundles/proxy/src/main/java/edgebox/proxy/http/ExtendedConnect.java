package edgebox.proxy.http;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * First in an HTTP/2 stream's pipeline, before the frame-to-HTTP/1 codec, for the request's first HEADERS frame only
 * (then it leaves): RFC 8441's extended CONNECT. A {@code :protocol} on any method but CONNECT is malformed (stream
 * error PROTOCOL_ERROR; the codec would drop the field silently). A CONNECT with {@code :protocol websocket} becomes,
 * here rather than in the codec (which would mark the open stream's request chunked and drop Connection), the
 * HTTP/1.1 WebSocket handshake for the same {@code :path} and {@code :authority}: a bodiless GET with Upgrade,
 * Connection and a new Sec-WebSocket-Key, so routing, filters and policy see it as they see an HTTP/1.1 WebSocket
 * request; the client's own fields (Sec-WebSocket-Version, -Protocol, -Extensions) stay. The codec passes the request
 * on as it is. A client cannot send those connection-specific fields itself (the HPACK decoder refuses them), so only
 * this handler makes such a request on HTTP/2. A CONNECT with another {@code :protocol} goes on untouched and
 * {@link RequestTarget} answers it 501.
 */
final class ExtendedConnect extends ChannelInboundHandlerAdapter {

    private static final AsciiString PROTOCOL = Http2Headers.PseudoHeaderName.PROTOCOL.value();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.pipeline().remove(this);
        Http2Headers h = frame.headers();
        CharSequence protocol = h.get(PROTOCOL);
        if (protocol == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        CharSequence method = h.method();
        if (method == null || !HttpMethod.CONNECT.asciiName().contentEquals(method)) {
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(Http2Exception.streamError(frame.stream().id(), Http2Error.PROTOCOL_ERROR,
                    ":protocol on a " + method + " request (RFC 8441 4: CONNECT only)"));
            return;
        }
        if (!HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(protocol)) {
            ctx.fireChannelRead(msg);
            return;
        }
        h.remove(PROTOCOL);
        h.method(HttpMethod.GET.asciiName());
        HttpRequest handshake;
        try {
            handshake = HttpConversionUtil.toHttpRequest(frame.stream().id(), h, true);
        } catch (Http2Exception e) {
            ctx.fireExceptionCaught(e);
            return;
        }
        HttpHeaders out = handshake.headers();
        out.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        out.set(HttpHeaderNames.SEC_WEBSOCKET_KEY, newKey());
        ctx.fireChannelRead(handshake);
        if (frame.isEndStream()) {
            ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    /** A Sec-WebSocket-Key (RFC 6455 4.1): 16 random bytes in base64. */
    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }
}
