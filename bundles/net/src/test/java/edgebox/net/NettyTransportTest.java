package edgebox.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each transport this machine offers accepts a connection on loopback and shuts down within the bound. */
class NettyTransportTest {

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void acceptsAConnectionAndShutsDown(TransportKind kind) throws Exception {
        Optional<String> why = NativeTransports.unavailability(kind);
        Assumptions.assumeTrue(why.isEmpty(), () -> kind.label() + " unavailable here: " + why.orElse(""));
        NettyTransport transport = new NettyTransport(kind, 2);
        try {
            assertEquals(kind.label(), transport.name());
            CountDownLatch accepted = new CountDownLatch(1);
            Channel server = new ServerBootstrap().group(transport.group()).channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.countDown();
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            try (Socket client = new Socket("127.0.0.1", port)) {
                assertTrue(accepted.await(5, TimeUnit.SECONDS), "no connection accepted on " + kind.label());
            }
            server.close().sync();
        } finally {
            assertTrue(transport.shutdown(2_000), kind.label() + " group did not terminate");
        }
        assertTrue(transport.group().isTerminated());
    }

    @Test
    void refusesZeroThreads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NettyTransport(TransportKind.NIO, 0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
