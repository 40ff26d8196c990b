package edgebox.proxy.http;

import java.util.ArrayDeque;
import java.util.Queue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * The downstream HTTP/1.1 codec, first in an HTTP/1.1 pipeline: {@link RequestDecoder} (the edge's parsing rules)
 * and a response encoder that knows a response to HEAD has no body, as netty's HttpServerCodec does. It is the
 * source codec an h2c Upgrade removes.
 */
final class ServerCodec extends CombinedChannelDuplexHandler<RequestDecoder, HttpResponseEncoder>
        implements HttpServerUpgradeHandler.SourceCodec {

    ServerCodec(Limits limits) {
        Queue<HttpMethod> methods = new ArrayDeque<>(4);
        init(new RequestDecoder(limits, methods), new ResponseEncoder(methods));
    }

    @Override
    public void upgradeFrom(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    private static final class ResponseEncoder extends HttpResponseEncoder {
        private final Queue<HttpMethod> methods;

        ResponseEncoder(Queue<HttpMethod> methods) {
            this.methods = methods;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL
                    && msg.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                return true;
            }
            HttpMethod method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
