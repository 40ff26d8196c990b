package edgebox.proxy.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.proxy.balance.BalanceSettings;
import edgebox.proxy.balance.BalancerRegistry;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.tls.CertificateIndex;
import edgebox.proxy.upstream.ConnectionCaps;
import edgebox.proxy.upstream.UpstreamPools;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The proxy's data path on 127.0.0.1 with a routing function instead of compiled routes, and a {@link TestBackend}
 * behind it; everything on one NIO event loop group closed at the end.
 */
final class ProxyHarness implements AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final TestBackend backend;
    final Connections connections;
    final UpstreamPools pools;
    final AcmeTokens acme = new AcmeTokens();
    final Path accessLogFile = tempFile();
    private final AccessLog accessLog = new AccessLog(true, accessLogFile, Long.MAX_VALUE);
    final AtomicReference<PolicyDecisionPoint> policy = new AtomicReference<>();
    private final Channel server;
    private final AtomicReference<ProxySnapshot> snapshot = new AtomicReference<>();

    ProxyHarness(Limits limits, Function<Cluster, Function<RequestHead, RouteDecision>> routing)
            throws InterruptedException {
        this(limits, routing, null);
    }

    /** With per-endpoint connection caps. */
    ProxyHarness(Limits limits, ConnectionCaps caps, Function<Cluster, Function<RequestHead, RouteDecision>> routing)
            throws InterruptedException {
        this(limits, caps, (bound, backend) -> new FixedSnapshot(bound, false, routing.apply(new Cluster(
                "test/backend:80", "", List.of(new Endpoint(backend.address(), true, true)), ""))), null);
    }

    /** With {@code certificates}, the port is HTTPS (Terminate, certificate {@link FixedSnapshot#CERT_REF}). */
    ProxyHarness(Limits limits, Function<Cluster, Function<RequestHead, RouteDecision>> routing,
            CertificateIndex certificates) throws InterruptedException {
        this(limits, (bound, backend) -> {
            Cluster cluster = new Cluster("test/backend:80", "",
                    List.of(new Endpoint(backend.address(), true, true)), "");
            return new FixedSnapshot(bound, certificates != null, routing.apply(cluster));
        }, certificates);
    }

    /** The snapshot made from the bound address and the backend (compiled manifests, say). */
    ProxyHarness(Limits limits, java.util.function.BiFunction<InetSocketAddress, TestBackend, ProxySnapshot> snapshots,
            CertificateIndex certificates) throws InterruptedException {
        this(limits, ConnectionCaps.generous(), snapshots, certificates);
    }

    ProxyHarness(Limits limits, ConnectionCaps caps,
            java.util.function.BiFunction<InetSocketAddress, TestBackend, ProxySnapshot> snapshots,
            CertificateIndex certificates) throws InterruptedException {
        backend = new TestBackend(group);
        connections = new Connections(limits.maxConnections(), null);
        pools = new UpstreamPools(NioSocketChannel.class, limits.connectTimeoutMillis(), limits.maxIdlePerEndpoint(),
                caps);
        DataPath dp = new DataPath(limits, snapshot::get, pools,
                new BalancerRegistry(BalanceSettings.defaults(), System::nanoTime, pools::load), policy::get, acme,
                connections, accessLog, null);
        AtomicReference<PortInitializer> init = new AtomicReference<>();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(init.get());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        init.set(new PortInitializer(dp, bound, () -> certificates == null ? CertificateIndex.EMPTY : certificates));
        snapshot.set(snapshots.apply(bound, backend));
    }

    /** Every request forwarded to the backend cluster, with these timeouts and retry. */
    static Function<Cluster, Function<RequestHead, RouteDecision>> forwardAll(RouteDecision.Timeouts timeouts,
            RouteDecision.Retry retry) {
        return cluster -> head -> forward(cluster, head.host(), head.path()
                + (head.query().isEmpty() ? "" : "?" + head.query()), timeouts, retry);
    }

    static Forward forward(Cluster cluster, String host, String path, RouteDecision.Timeouts timeouts,
            RouteDecision.Retry retry) {
        return new Forward("HTTPRoute test/route", 0, host, path, HeaderChanges.NONE, HeaderChanges.NONE,
                new RouteDecision.WeightedClusters(List.of(cluster), new int[] {1}), List.of(), timeouts, retry);
    }

    static RouteDecision.Retry retry(int attempts, int... codes) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int c : codes) {
            set.add(c);
        }
        return new RouteDecision.Retry(set, attempts, Duration.ofMillis(10));
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("edgebox-access", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first access log line containing {@code text}, waiting up to 5 s for the writer; null when none. */
    String accessLine(String text) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (String line : Files.readAllLines(accessLogFile)) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        pools.close();
        accessLog.close();
        try {
            Files.deleteIfExists(accessLogFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backend.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
