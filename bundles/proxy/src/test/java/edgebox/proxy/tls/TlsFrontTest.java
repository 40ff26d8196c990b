package edgebox.proxy.tls;

import static edgebox.objects.testing.TestCertificates.Kind.EC;
import static edgebox.objects.testing.TestCertificates.Kind.RSA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import edgebox.objects.testing.TestCertificates;
import edgebox.api.tls.TlsCertificate;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Mapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TlsFront on real loopback sockets: JDK SSLSocket and openssl s_client as clients. */
class TlsFrontTest {

    static final TlsCertificate SHOP = TestCertificates.make(RSA, "shop.example.com").tls("web", "shop");
    static final TlsCertificate WILD = TestCertificates.make(EC, "*.example.com").tls("web", "wild");
    static final TlsCertificate BACKEND = TestCertificates.make(EC, "pass.example.com").tls("web", "backend");

    static final ListenerInfo HTTPS = new ListenerInfo("web/gw", "https", 8443, ListenerInfo.Protocol.HTTPS, "",
            ListenerInfo.TlsMode.TERMINATE, List.of("web/shop", "web/wild"));
    static final ListenerInfo PASS = new ListenerInfo("web/gw", "pass", 8443, ListenerInfo.Protocol.TLS,
            "pass.example.com", ListenerInfo.TlsMode.PASSTHROUGH, List.of());

    static EventLoopGroup group;
    static Channel front;
    static Channel backend;
    static volatile String backendSawSni;

    /** HTTPS takes every name but pass.example.com (passthrough) and refused.test (no listener). */
    static final class Table implements PortTable {
        public List<ListenerInfo> listeners() {
            return List.of(HTTPS, PASS);
        }

        public boolean tls() {
            return true;
        }

        public ListenerInfo tlsListener(String sni) {
            return switch (sni) {
                case "pass.example.com" -> PASS;
                case "refused.test" -> null;
                default -> HTTPS;
            };
        }

        public RouteDecision passthrough(ListenerInfo listener, String sni) {
            return new RouteDecision.Passthrough("web/pass", null);
        }

        public RouteDecision route(ListenerInfo listener, RequestHead request) {
            throw new UnsupportedOperationException("no HTTP on this port");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        SslContext backendContext = TlsSettings.serverContext(BACKEND, SslProvider.JDK);
        backend = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SniHandler((Mapping<String, SslContext>) host -> {
                            backendSawSni = host;
                            return backendContext;
                        }));
                        ch.pipeline().addLast(answer("backend"));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        Endpoint backendEndpoint = new Endpoint((InetSocketAddress) backend.localAddress(), true, true);
        CertificateIndex index = CertificateIndex.of(List.of(SHOP, WILD), TlsSettings.preferredProvider());
        TlsFront.Callback callback = (ctx, listener, sni, alpn) ->
                ctx.pipeline().addLast(answer(listener.name() + " " + sni + " " + alpn));
        front = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new TlsFront(Table::new, () -> index,
                                (listener, sni, decision) -> new TlsFront.Target(backendEndpoint, null), callback, 2_000,
                                5_000));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** On the first decrypted bytes, answers one line and closes. */
    static io.netty.channel.ChannelInboundHandlerAdapter answer(String line) {
        return new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                io.netty.util.ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\n", StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        };
    }

    @AfterAll
    static void stop() {
        front.close().syncUninterruptibly();
        backend.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    record Reply(X509Certificate peer, String line, String protocol) {
    }

    static Reply call(String sni, String... alpn) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new TrustAll()}, null);
        InetSocketAddress address = (InetSocketAddress) front.localAddress();
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(sni)));
            params.setApplicationProtocols(alpn);
            socket.setSSLParameters(params);
            socket.startHandshake();
            socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return new Reply((X509Certificate) socket.getSession().getPeerCertificates()[0], line,
                    socket.getSession().getProtocol());
        }
    }

    @Test
    void terminatesWithTheCertificateChosenBySni() throws Exception {
        Reply exact = call("shop.example.com", "h2", "http/1.1");
        assertEquals(SHOP.leaf(), exact.peer());
        assertEquals("https shop.example.com h2", exact.line());
        assertEquals("TLSv1.3", exact.protocol());

        Reply wildcard = call("cart.example.com");
        assertEquals(WILD.leaf(), wildcard.peer());
        assertEquals("https cart.example.com http/1.1", wildcard.line());
    }

    @Test
    void passthroughRelaysTheOriginalClientHelloToTheBackend() throws Exception {
        Reply reply = call("pass.example.com");
        assertEquals(BACKEND.leaf(), reply.peer(), "the backend terminates TLS, with its own certificate");
        assertEquals("backend", reply.line());
        assertEquals("pass.example.com", backendSawSni);
    }

    @Test
    void aServerNameNoListenerTakesIsClosed() {
        assertThrows(IOException.class, () -> call("refused.test"));
    }

    @Test
    void tls12WithAStrongCipherIsServedTls11AndWeakCiphersAreRefused() throws Exception {
        String ok = sClient("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        assertTrue(ok.contains("Cipher is ECDHE-RSA-AES128-GCM-SHA256"), ok);
        for (List<String> weak : List.of(
                List.of("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"),
                List.of("-tls1", "-cipher", "DEFAULT@SECLEVEL=0"),
                List.of("-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0"),
                List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0"),
                List.of("-tls1_2", "-cipher", "AES128-GCM-SHA256:@SECLEVEL=0"))) {
            String out = sClient(weak.toArray(String[]::new));
            assertTrue(out.contains("Cipher is (NONE)") || out.contains("no peer certificate available"), weak + ": " + out);
            assertTrue(out.matches("(?s).*SSL handshake has read [1-9]\\d* bytes.*") || out.contains("alert"),
                    weak + ": the server must have answered (an alert), not the client given up: " + out);
        }
    }

    static String sClient(String... options) throws Exception {
        InetSocketAddress address = (InetSocketAddress) front.localAddress();
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + address.getPort(), "-servername", "shop.example.com"));
        command.addAll(List.of(options));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl could not be started: this test runs it as a real peer; .ci/run "
                    + "installs it with apt-get install openssl", e);
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "openssl s_client did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static final class TrustAll implements X509TrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
