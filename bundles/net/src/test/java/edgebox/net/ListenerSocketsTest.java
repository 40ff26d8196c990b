package edgebox.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import edgebox.api.net.ListenerLease;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hub on real loopback sockets, for each transport this machine offers. */
class ListenerSocketsTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private NettyTransport transport;
    private ListenerSockets hub;

    private void start(TransportKind kind, long graceMillis) {
        Optional<String> why = NativeTransports.unavailability(kind);
        Assumptions.assumeTrue(why.isEmpty(), () -> kind.label() + " unavailable here: " + why.orElse(""));
        transport = new NettyTransport(kind, 2);
        hub = new ListenerSockets(transport, graceMillis, h -> h.getClass().getSimpleName() + "#" + ((Recorder) h).tag);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (transport != null) {
            assertTrue(transport.shutdown(2_000));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void leaseAcceptsConnectionsOnTheBoundPort(TransportKind kind) throws Exception {
        start(kind, 10_000);
        Recorder a = new Recorder("a");
        ListenerLease lease = hub.lease(ANY_PORT, a);
        assertNotEquals(0, lease.address().getPort());
        send(lease.address(), "one");
        assertEquals("one", a.next());
        assertEquals(Map.of(lease.address(), "Recorder#a"), hub.sockets());
    }

    /** A virtual IP not (yet) on any interface binds on the native transports; nothing is sent to it. */
    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void aVirtualIpNotOnThisHostBindsOnNativeTransports(TransportKind kind) throws Exception {
        start(kind, 10_000);
        InetSocketAddress vip = new InetSocketAddress("192.0.2.61", 0);
        if (transport.name().equals("nio")) {
            assertThrows(IOException.class, () -> hub.lease(vip, new Recorder("a")));
            return;
        }
        ListenerLease lease = hub.lease(vip, new Recorder("a"));
        assertEquals(vip.getAddress(), lease.address().getAddress());
        assertNotEquals(0, lease.address().getPort());
    }

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void secondConcurrentLeaseIsRefusedNamingTheHolder(TransportKind kind) throws Exception {
        start(kind, 10_000);
        ListenerLease lease = hub.lease(ANY_PORT, new Recorder("a"));
        IOException e = assertThrows(IOException.class, () -> hub.lease(lease.address(), new Recorder("b")));
        assertEquals("listener " + lease.address() + ": already leased by Recorder#a", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void connectionBetweenCloseAndReleaseGoesToTheNextLease(TransportKind kind) throws Exception {
        start(kind, 10_000);
        Recorder a = new Recorder("a");
        ListenerLease first = hub.lease(ANY_PORT, a);
        InetSocketAddress address = first.address();
        first.close();
        // nobody leases now: the kernel completes the connect and keeps the connection in the backlog
        try (Socket waiting = new Socket()) {
            waiting.connect(address, 2_000);
            waiting.getOutputStream().write("between".getBytes(StandardCharsets.US_ASCII));
            waiting.shutdownOutput();
            Recorder b = new Recorder("b");
            ListenerLease second = hub.lease(address, b);
            assertEquals(address, second.address(), "the same socket is taken over");
            assertEquals("between", b.next());
            assertNull(a.received.poll(100, TimeUnit.MILLISECONDS), "the closed lease got a connection");
            first.close(); // a second close of the old lease must not touch the new one
            send(address, "after");
            assertEquals("after", b.next());
        }
    }

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void graceExpiryClosesTheSocket(TransportKind kind) throws Exception {
        start(kind, 100);
        ListenerLease lease = hub.lease(ANY_PORT, new Recorder("a"));
        InetSocketAddress address = lease.address();
        lease.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!hub.sockets().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Map.of(), hub.sockets());
        // NIO closes a registered socket's descriptor at the selector's next pass, after the close has completed
        assertTrue(refusedWithin(address, deadline), "the port refuses connections once the grace has expired");
        Recorder b = new Recorder("b");
        ListenerLease again = hub.lease(address, b);
        send(again.address(), "rebound");
        assertEquals("rebound", b.next());
    }

    private static void send(InetSocketAddress address, String text) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 2_000);
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            s.getInputStream().read(); // wait for the server to close: it has read everything then
        }
    }

    /** A lease's handler: records what each accepted connection sends, up to its end. */
    @Sharable
    static final class Recorder extends ChannelInitializer<Channel> {
        final String tag;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        Recorder(String tag) {
            this.tag = tag;
        }

        String next() throws InterruptedException {
            String s = received.poll(5, TimeUnit.SECONDS);
            assertTrue(s != null, tag + " received nothing within 5 s");
            return s;
        }

        @Override
        protected void initChannel(Channel ch) {
            ch.config().setOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true);
            StringBuilder text = new StringBuilder();
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    text.append(buf.toString(StandardCharsets.US_ASCII));
                    buf.release();
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                        received.add(text.toString());
                        ctx.close();
                    }
                }
            });
        }
    }

    /** Whether connecting to {@code address} is refused before {@code deadline} (System.nanoTime), trying again. */
    private static boolean refusedWithin(InetSocketAddress address, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(address, 2_000);
            } catch (ConnectException refused) {
                return true;
            } catch (SocketException closing) {
                // a connection caught in the backlog while the socket closes is reset; the next try is refused
            }
            Thread.sleep(20);
        }
        return false;
    }
}
