package edgebox.health.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Asks the policy about each request on a connection whose decision was REQUESTS (HTTP rules apply): a denied
 * request gets 403 {@code access denied}, an allowed one goes on. Sits after HttpObjectAggregator and
 * HttpServerKeepAliveHandler, before HealthRequestHandler; added only to such connections. The path is asked
 * without its query, as the endpoint routes on it.
 */
@Sharable
final class PolicyRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final FullHttpResponse DENIED = denied();

    private final PolicyCheck policy;

    PolicyRequestHandler(PolicyCheck policy) {
        super(false);
        this.policy = policy;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure() || policy.request(ctx.channel().remoteAddress(),
                ctx.channel().localAddress(), request.method().name(), path(request.uri()), headers(request))) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        request.release();
        FullHttpResponse response = DENIED.retainedDuplicate();
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static Map<String, List<String>> headers(FullHttpRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Map.Entry<String, String> e : request.headers()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getValue());
        }
        return headers;
    }

    private static FullHttpResponse denied() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                Unpooled.unreleasableBuffer(Unpooled.directBuffer()
                        .writeBytes("access denied\n".getBytes(StandardCharsets.UTF_8)).asReadOnly()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HealthRequestHandler.TEXT);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return r;
    }
}
