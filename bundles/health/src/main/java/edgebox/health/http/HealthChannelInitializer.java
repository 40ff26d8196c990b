package edgebox.health.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The health endpoint's pipeline, top to bottom. */
public final class HealthChannelInitializer extends ChannelInitializer<Channel> {

    /** Requests to these endpoints carry no body; anything larger is refused by the aggregator (413). */
    static final int MAX_CONTENT = 4096;

    private final HealthRequestHandler handler;
    private final ChannelGroup connections;

    /** @param connections where each accepted connection is kept, so the server can close them all */
    public HealthChannelInitializer(Endpoints endpoints, ChannelGroup connections) {
        this.handler = new HealthRequestHandler(endpoints);
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT))
                .addLast("keepalive", new HttpServerKeepAliveHandler())
                .addLast("health", handler);
    }
}
