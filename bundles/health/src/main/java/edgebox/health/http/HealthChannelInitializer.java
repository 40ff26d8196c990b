package edgebox.health.http;

import edgebox.api.policy.Decision;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The health endpoint's pipeline, top to bottom, for a connection the policy admits; one it denies is closed before
 * a byte is read or written. The policy's request handler is there only when the connection's decision wants each
 * request asked.
 */
public final class HealthChannelInitializer extends ChannelInitializer<Channel> {

    /** Requests to these endpoints carry no body; anything larger is refused by the aggregator (413). */
    static final int MAX_CONTENT = 4096;

    private final HealthRequestHandler handler;
    private final ChannelGroup connections;
    private final PolicyCheck policy;
    private final PolicyRequestHandler requests;

    /** @param connections where each accepted connection is kept, so the server can close them all */
    public HealthChannelInitializer(Endpoints endpoints, ChannelGroup connections, PolicyCheck policy) {
        this.handler = new HealthRequestHandler(endpoints);
        this.connections = connections;
        this.policy = policy;
        this.requests = new PolicyRequestHandler(policy);
    }

    @Override
    protected void initChannel(Channel ch) {
        Decision decision = policy.connection(ch.remoteAddress(), ch.localAddress());
        if (decision == Decision.DENY) {
            ch.close();
            return;
        }
        connections.add(ch);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT))
                .addLast("keepalive", new HttpServerKeepAliveHandler());
        if (decision == Decision.REQUESTS) {
            ch.pipeline().addLast("policy", requests);
        }
        ch.pipeline().addLast("health", handler);
    }
}
