package edgebox.health.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The health endpoint's pipeline, top to bottom. */
public final class HealthChannelInitializer extends ChannelInitializer<Channel> {

    /** Requests to these endpoints carry no body; anything larger is refused by the aggregator (413). */
    static final int MAX_CONTENT = 4096;

    private final HealthRequestHandler handler;

    public HealthChannelInitializer(Endpoints endpoints) {
        this.handler = new HealthRequestHandler(endpoints);
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT))
                .addLast("keepalive", new HttpServerKeepAliveHandler())
                .addLast("health", handler);
    }
}
