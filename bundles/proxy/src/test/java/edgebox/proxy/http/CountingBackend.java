package edgebox.proxy.http;

import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * An HTTP/1.1 backend on 127.0.0.1 that takes bodies of any size without holding them: it counts each request's
 * body bytes and their CRC-32 into {@link #received}, answers {@code 200 bytes=N} after {@code delayMillis}, and
 * tracks the most connections it had open when a request came in (counted there, not at accept: a connection the
 * proxy closed may wait for its end-of-stream in the same select as the accept of the next one).
 */
final class CountingBackend implements AutoCloseable {

    record Received(String uri, long bytes, long crc) {
    }

    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    private final Channel server;

    CountingBackend(EventLoopGroup group, long delayMillis) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        open.incrementAndGet();
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(), new Counter(delayMillis));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** The CRC-32 of {@code body}, as {@link Received#crc()} has it. */
    static long crc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }

    private final class Counter extends SimpleChannelInboundHandler<HttpObject> {
        private final long delayMillis;
        private final CRC32 crc = new CRC32();
        private String uri;
        private long bytes;

        Counter(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest r) {
                maxOpen.accumulateAndGet(open.get(), Math::max);
                uri = r.uri();
                bytes = 0;
                crc.reset();
            }
            if (msg instanceof HttpContent c) {
                bytes += c.content().readableBytes();
                crc.update(c.content().nioBuffer());
            }
            if (msg instanceof LastHttpContent) {
                received.add(new Received(uri, bytes, crc.getValue()));
                FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer("bytes=" + bytes, java.nio.charset.StandardCharsets.US_ASCII));
                answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
                if (delayMillis > 0) {
                    ctx.executor().schedule(() -> ctx.writeAndFlush(answer), delayMillis, TimeUnit.MILLISECONDS);
                } else {
                    ctx.writeAndFlush(answer);
                }
            }
        }
    }
}
