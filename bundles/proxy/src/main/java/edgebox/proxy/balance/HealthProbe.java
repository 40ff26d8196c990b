package edgebox.proxy.balance;

import edgebox.proxy.route.BackendTls;
import edgebox.proxy.tls.BackendTlsContexts;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

/**
 * The checks of one endpoint, all on one event loop: every interval a new connection, {@code GET path}, a 2xx status
 * line within the timeout passes; anything else (refused, reset, timeout, other status) fails. Over TLS when a
 * BackendTLSPolicy covers the endpoint, verified as the proxy's own connections are (a failed verification fails). Counts passes and
 * failures in a row against the thresholds and reports each result.
 */
final class HealthProbe {

    private static final System.Logger LOG = System.getLogger("edgebox.proxy.balance");

    private final InetSocketAddress address;
    private final BalanceSettings.HealthCheck settings;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ActiveHealthChecks.Listener listener;
    private final String host;
    private final BackendTls tls;
    private final BackendTlsContexts tlsContexts;
    private ScheduledFuture<?> task;
    private volatile boolean cancelled;
    // below: touched on the loop only
    private int probe;
    private boolean inFlight;
    private Channel channel;
    private ScheduledFuture<?> deadline;
    private int passes;
    private int failures;
    private boolean healthy = true;

    HealthProbe(InetSocketAddress address, BalanceSettings.HealthCheck settings, EventLoop loop,
            Class<? extends Channel> channelClass, ActiveHealthChecks.Listener listener, BackendTls tls,
            BackendTlsContexts tlsContexts) {
        this.address = address;
        this.tls = tls;
        this.tlsContexts = tlsContexts;
        this.settings = settings;
        this.loop = loop;
        this.listener = listener;
        this.host = settings.host().isEmpty() ? hostOf(address) : settings.host();
        this.bootstrap = new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }

    BackendTls tls() {
        return tls;
    }

    void start(long initialDelayNanos) {
        task = loop.scheduleWithFixedDelay(this::probe, initialDelayNanos, settings.interval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    void cancel() {
        cancelled = true;
        if (task != null) {
            task.cancel(false);
        }
        if (!loop.isShuttingDown()) {
            loop.execute(() -> finish(probe, false));
        }
    }

    private void probe() {
        if (inFlight || cancelled) {
            return;
        }
        inFlight = true;
        int id = ++probe;
        deadline = loop.schedule(() -> finish(id, false), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        SslContext context = null;
        if (tls != null) {
            try {
                context = tlsContexts.context(tls);
            } catch (SSLException | RuntimeException e) {
                channel = null;
                finish(id, false);
                return;
            }
        }
        SslContext secure = context;
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (secure != null) {
                    ch.pipeline().addLast(BackendTlsContexts.handler(secure, tls, ch.alloc(), address.getPort(),
                            settings.timeout().toMillis()));
                }
                ch.pipeline().addLast(new HttpClientCodec());
                ch.pipeline().addLast(new ResponseHandler(id));
            }
        }).connect(address);
        channel = connect.channel();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connect.channel().writeAndFlush(request());
            } else {
                finish(id, false);
            }
        });
    }

    private FullHttpRequest request() {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, settings.path(),
                Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.HOST, host);
        r.headers().set(HttpHeaderNames.USER_AGENT, "edgebox-health-check");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }

    /** Ends probe {@code id} once: later events of the same probe and events of older probes are ignored. */
    private void finish(int id, boolean passed) {
        if (id != probe || !inFlight) {
            return;
        }
        inFlight = false;
        deadline.cancel(false);
        if (channel != null) {
            channel.close();
        }
        if (cancelled) {
            return;
        }
        if (passed) {
            failures = 0;
            passes++;
        } else {
            passes = 0;
            failures++;
        }
        boolean was = healthy;
        if (!healthy && passes >= settings.healthyThreshold()) {
            healthy = true;
        } else if (healthy && failures >= settings.unhealthyThreshold()) {
            healthy = false;
        }
        if (was != healthy) {
            LOG.log(healthy ? Level.INFO : Level.WARNING, "health check {0} {1}: {2}", address, settings.path(),
                    healthy ? "healthy" : "unhealthy after " + failures + " failures in a row");
        }
        listener.checked(address, healthy, passed);
    }

    private static String hostOf(InetSocketAddress a) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    /** Reads the status line of probe {@code id}'s answer and ends the probe. */
    private final class ResponseHandler extends ChannelInboundHandlerAdapter {
        private final int id;

        ResponseHandler(int id) {
            this.id = id;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse response) {
                    int code = response.status().code();
                    finish(id, code >= 200 && code < 300);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(id, false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(id, false);
        }
    }
}
