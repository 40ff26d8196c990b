package edgebox.health.http;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers {@code GET /healthz}, {@code /readyz} and {@code /metrics}; 404 for other paths, 405 for other methods.
 * Sits last, after HttpServerCodec, HttpObjectAggregator and HttpServerKeepAliveHandler. Reads state the
 * {@link Endpoints} already hold; no I/O, no locks. Canned replies are shared constants sent as retained duplicates.
 */
@Sharable
public final class HealthRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String TEXT = "text/plain; charset=utf-8";
    private static final FullHttpResponse NOT_FOUND = canned(HttpResponseStatus.NOT_FOUND, "not found\n");
    private static final FullHttpResponse NOT_ALLOWED = canned(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
    private static final FullHttpResponse BAD_REQUEST = canned(HttpResponseStatus.BAD_REQUEST, "bad request\n");

    static {
        NOT_ALLOWED.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
    }

    private final Endpoints endpoints;

    public HealthRequestHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        FullHttpResponse response = respond(ctx, request);
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
    }

    private FullHttpResponse respond(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        if (request.decoderResult().isFailure()) {
            return BAD_REQUEST.retainedDuplicate();
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        boolean known = path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics");
        if (!known) {
            return NOT_FOUND.retainedDuplicate();
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return NOT_ALLOWED.retainedDuplicate();
        }
        return switch (path) {
            case "/healthz" -> answer(endpoints.liveness());
            case "/readyz" -> answer(endpoints.readiness());
            default -> metrics(ctx);
        };
    }

    private FullHttpResponse metrics(ChannelHandlerContext ctx) throws Exception {
        ByteBuf body = ctx.alloc().buffer(8192);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            endpoints.writeMetrics(out);
        } catch (Exception | Error e) {
            body.release();
            throw e;
        }
        return response(HttpResponseStatus.OK, edgebox.health.metrics.MetricsStore.CONTENT_TYPE, body);
    }

    private static FullHttpResponse answer(Endpoints.Answer a) {
        String body = a.body().endsWith("\n") ? a.body() : a.body() + "\n";
        return response(a.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return r;
    }

    private static FullHttpResponse canned(HttpResponseStatus status, String text) {
        ByteBuf body = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)).asReadOnly());
        return response(status, TEXT, body);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        System.getLogger("edgebox.health").log(System.Logger.Level.WARNING,
                "edgebox.health: http " + ctx.channel().remoteAddress() + ": " + cause);
        ctx.close();
    }
}
