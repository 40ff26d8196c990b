package edgebox.proxy.http;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/** Responses the proxy answers itself: refusals, routing answers, redirects, HTTP-01 challenges. */
final class LocalResponses {

    static final AsciiString OVERLOADED = AsciiString.cached("x-edgebox-overloaded");
    private static final AsciiString TRUE = AsciiString.cached("true");

    private LocalResponses() {
    }

    /** {@code 100 Continue}, an interim answer without body. */
    static FullHttpResponse continue100() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER);
    }

    /** A short text/plain answer; {@code close} adds Connection: close. */
    static FullHttpResponse text(int status, String body, boolean close) {
        ByteBuf content = body == null || body.isEmpty() ? Unpooled.EMPTY_BUFFER
                : Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    /** The 503 of an endpoint at its connection cap, marked {@code x-edgebox-overloaded: true} as Envoy marks its own. */
    static FullHttpResponse overloaded(String body) {
        FullHttpResponse r = text(503, body, false);
        r.headers().set(OVERLOADED, TRUE);
        return r;
    }

    /** A text/plain answer whose body is exactly {@code body} (an HTTP-01 key authorization). */
    static FullHttpResponse exact(int status, String body) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return r;
    }

    static FullHttpResponse redirect(int status, String location, boolean close) {
        FullHttpResponse r = text(status, "", close);
        r.headers().set(HttpHeaderNames.LOCATION, location);
        return r;
    }
}
