package edgebox.dns.server;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The pipeline of an accepted DNS-over-TCP connection, top to bottom: the idle timer, the 2-byte length framing
 * in (frames above the query size limit close the connection) and out, then {@link TcpHandler}.
 */
@Sharable
final class TcpInitializer extends ChannelInitializer<Channel> {

    private final QueryProcessor processor;
    private final int idleSeconds;
    private final int maxQueryBytes;
    private final ChannelGroup connections;

    TcpInitializer(QueryProcessor processor, int idleSeconds, int maxQueryBytes, ChannelGroup connections) {
        this.processor = processor;
        this.idleSeconds = idleSeconds;
        this.maxQueryBytes = maxQueryBytes;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS))
                .addLast("frames", new LengthFieldBasedFrameDecoder(maxQueryBytes + 2, 0, 2, 0, 2))
                .addLast("length", new LengthFieldPrepender(2))
                .addLast("dns", new TcpHandler(processor));
    }
}
