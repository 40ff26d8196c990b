package edgebox.proxy.tls;

import static edgebox.objects.testing.TestCertificates.Kind.EC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import edgebox.api.tls.TlsCertificate;
import edgebox.objects.testing.TestCertificates;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session resumption across server contexts, with openssl s_client as the client: a context built for a renewed
 * certificate resumes what the old one issued when both share the ticket keys, and a rotation leaves the previous
 * key able to open tickets for one more period.
 */
class TicketKeysTest {

    static final TlsCertificate FIRST = TestCertificates.make(EC, "shop.example.com").tls("web", "shop");
    static final TlsCertificate RENEWED = TestCertificates.make(EC, "shop.example.com").tls("web", "shop");

    static EventLoopGroup group;
    static Channel server;
    static final AtomicReference<SslContext> serving = new AtomicReference<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        assertEquals(SslProvider.OPENSSL, TlsSettings.preferredProvider(), "the box's engine is BoringSSL");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(serving.get().newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                                ctx.writeAndFlush(Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII))
                                        .addListener(ChannelFutureListener.CLOSE);
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aContextForARenewedCertificateResumesTheSessionsOfTheOldOne() throws Exception {
        TicketKeys keys = new TicketKeys();
        Path session = dir.resolve("session.pem");
        serving.set(context(FIRST, keys));
        assertTrue(handshake("-sess_out", session).contains("New, TLSv1.3"));
        serving.set(context(RENEWED, keys));
        assertTrue(handshake("-sess_in", session).contains("Reused, TLSv1.3"), "resumed by the renewed context");
    }

    @Test
    void contextsWithoutSharedKeysDoNotResumeEachOthersSessions() throws Exception {
        Path session = dir.resolve("session.pem");
        serving.set(TlsSettings.serverContext(FIRST, SslProvider.OPENSSL));
        handshake("-sess_out", session);
        serving.set(TlsSettings.serverContext(RENEWED, SslProvider.OPENSSL));
        assertTrue(handshake("-sess_in", session).contains("New, TLSv1.3"), "the control: each context its own keys");
    }

    @Test
    void aTicketOpensAfterOneRotationAndNotAfterTwo() throws Exception {
        TicketKeys keys = new TicketKeys();
        SslContext context = context(FIRST, keys);
        serving.set(context);
        Path session = dir.resolve("session.pem");
        handshake("-sess_out", session);

        keys.rotate();
        keys.applyTo(context);
        assertTrue(handshake("-sess_in", session).contains("Reused, TLSv1.3"), "the previous key still opens");

        Path fresh = dir.resolve("fresh.pem");
        handshake("-sess_out", fresh);
        keys.rotate();
        keys.rotate();
        keys.applyTo(context);
        assertTrue(handshake("-sess_in", fresh).contains("New, TLSv1.3"), "two rotations later the key is gone");
    }

    private static SslContext context(TlsCertificate certificate, TicketKeys keys) throws Exception {
        SslContext context = TlsSettings.serverContext(certificate, SslProvider.OPENSSL);
        keys.applyTo(context);
        return context;
    }

    /** One s_client connection that sends a line, reads the answer (and the tickets) and ends; its output. */
    private static String handshake(String sessionOption, Path session) throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        List<String> command = List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername",
                "shop.example.com", "-tls1_3", "-ign_eof", sessionOption, session.toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl could not be started: this test runs it as a real peer; .ci/run "
                    + "installs it with apt-get install openssl", e);
        }
        p.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "openssl s_client did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("ok"), "the server answered: " + out);
        if (sessionOption.equals("-sess_out")) {
            assertTrue(Files.size(session) > 0, "s_client wrote the session: " + out);
        }
        return out;
    }
}
