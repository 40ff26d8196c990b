package edgebox.proxy.tls;

import java.util.function.Supplier;

import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RouteDecision;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * The first handler of a connection on a TLS port. Reads the ClientHello's server name, asks the port's latest
 * {@link PortTable} which listener takes it, and replaces itself: with an {@link SslHandler} holding the certificate
 * the {@link CertificateIndex} selects (Terminate; the {@link Callback} hears when the handshake is done), with a
 * {@link PassthroughRelay} to the backend the {@link PassthroughTarget} picks once the {@link Callback} admits it
 * (Passthrough; the ClientHello is relayed unchanged), or closes the connection (no listener, no certificate, no
 * route, no backend, not admitted). Decides synchronously on the event loop: the table and the index are immutable
 * lookups. One instance per connection.
 */
public final class TlsFront extends AbstractSniHandler<Object> {

    /** What H2's data path does with the outcome; called on the connection's event loop. */
    public interface Callback {
        /**
         * The handshake of a terminated connection completed. {@code ctx} is the SslHandler's context: add the
         * HTTP handlers after it. {@code alpn} is {@code h2} or {@code http/1.1} (also when the client offered no
         * ALPN). {@code sni} is lower case, empty when the client sent none.
         */
        void terminated(ChannelHandlerContext ctx, ListenerInfo listener, String sni, String alpn);

        /**
         * Whether a passthrough connection may go to the {@code endpoint} its route picked; false closes it without
         * a backend connection (the callback counts and logs why).
         */
        default boolean admitted(Channel channel, ListenerInfo listener, String sni, Endpoint endpoint) {
            return true;
        }

        /**
         * A TLSRoute backend under a BackendTLSPolicy failed its TLS handshake (or its policy is unusable): the
         * connection is closed, nothing relayed.
         */
        default void upstreamTlsFailed(Channel channel, ListenerInfo listener, String sni, String reason) {
        }

        /** The connection is closed without service, for the log and the metrics ({@code reason} says why). */
        default void refused(Channel channel, String sni, String reason) {
        }

        /** A passthrough connection ended; {@code connected} false means the backend was not reached. */
        default void passthroughFinished(ListenerInfo listener, String sni, Endpoint endpoint, boolean connected,
                long bytesToBackend, long bytesToClient) {
        }
    }

    /**
     * Picks where a TLSRoute's connection goes (weights, then the balancer): an endpoint, and for a TLS listener in
     * mode Terminate the TLS handler of its BackendTLSPolicy (null: plaintext); null when no endpoint is ready.
     */
    @FunctionalInterface
    public interface PassthroughTarget {
        Target pick(ListenerInfo listener, String sni, RouteDecision.Passthrough decision);
    }

    /** A TLSRoute backend endpoint; {@code backendTls} null for plaintext (always for passthrough). */
    public record Target(Endpoint endpoint, PassthroughRelay.BackendTlsHandler backendTls) {
    }

    public static final long DEFAULT_CLIENT_HELLO_TIMEOUT_MILLIS = 10_000;

    /**
     * Sits after the SslHandler until the handshake ends: a failed handshake (an old protocol, no common cipher)
     * closes the connection quietly; the Callback hears it as {@code refused}.
     */
    private static final ChannelHandler HANDSHAKE_GUARD = new HandshakeGuard();

    @ChannelHandler.Sharable
    private static final class HandshakeGuard extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private record Terminate(ListenerInfo listener, SslContext context) {
    }

    private record Relay(ListenerInfo listener, Target target) {
    }

    private record TerminateRelay(ListenerInfo listener, SslContext context, Target target) {
    }

    private final Supplier<PortTable> table;
    private final Supplier<CertificateIndex> certificates;
    private final PassthroughTarget target;
    private final Callback callback;
    private final int connectTimeoutMillis;
    /** The connection's one decision is taken: a ClientHello read again as a closed connection ends is ignored. */
    private boolean decided;

    /**
     * @param table                the port's table in the latest snapshot; null when the port is no longer served
     * @param certificates         the latest certificate index
     * @param target               picks a passthrough backend endpoint
     * @param connectTimeoutMillis connect timeout to a passthrough backend
     * @param clientHelloTimeoutMillis how long a client may take to send its ClientHello
     */
    public TlsFront(Supplier<PortTable> table, Supplier<CertificateIndex> certificates, PassthroughTarget target,
            Callback callback, int connectTimeoutMillis, long clientHelloTimeoutMillis) {
        super(clientHelloTimeoutMillis);
        this.table = table;
        this.certificates = certificates;
        this.target = target;
        this.callback = callback;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    protected Future<Object> lookup(ChannelHandlerContext ctx, String hostname) {
        return ctx.executor().newSucceededFuture(decided ? null : decide(hostname == null ? "" : hostname));
    }

    /**
     * A {@link Terminate} (HTTPS), a {@link TerminateRelay} (TLS, mode Terminate), a {@link Relay} (TLS, mode
     * Passthrough), or the reason (a String) to close.
     */
    private Object decide(String sni) {
        PortTable ports = table.get();
        if (ports == null) {
            return "the port is no longer served";
        }
        ListenerInfo listener = ports.tlsListener(sni);
        if (listener == null) {
            return "no listener for server name \"" + sni + "\"";
        }
        Target relayTo = null;
        if (listener.protocol() == ListenerInfo.Protocol.TLS) {
            RouteDecision decision = ports.passthrough(listener, sni);
            if (!(decision instanceof RouteDecision.Passthrough passthrough)) {
                return "listener " + listener.key() + ": no TLSRoute for \"" + sni + "\" (" + decision + ")";
            }
            Target picked = target.pick(listener, sni, passthrough);
            if (picked == null) {
                return "route " + passthrough.route() + ": no ready backend endpoint";
            }
            if (listener.tlsMode() == ListenerInfo.TlsMode.PASSTHROUGH) {
                return new Relay(listener, new Target(picked.endpoint(), null));
            }
            relayTo = picked;
        }
        CertificateIndex index = certificates.get();
        SslContext context = relayTo == null ? index.select(listener, sni) : index.selectWithoutAlpn(listener, sni);
        if (context == null) {
            return "listener " + listener.key() + ": none of its certificateRefs " + listener.certificateRefs()
                    + " is available";
        }
        return relayTo == null ? new Terminate(listener, context) : new TerminateRelay(listener, context, relayTo);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Object> future) {
        if (decided) {
            return;
        }
        decided = true;
        String sni = hostname == null ? "" : hostname;
        Object choice = future.getNow();
        switch (choice) {
            case Terminate t -> terminate(ctx, sni, t.listener(), t.context(), null);
            case Relay r -> relay(ctx, sni, r);
            case TerminateRelay r -> {
                if (callback.admitted(ctx.channel(), r.listener(), sni, r.target().endpoint())) {
                    terminate(ctx, sni, r.listener(), r.context(), r.target());
                } else {
                    ctx.close();
                }
            }
            default -> {
                callback.refused(ctx.channel(), sni, String.valueOf(choice));
                ctx.close();
            }
        }
    }

    private void relay(ChannelHandlerContext ctx, String sni, Relay r) {
        if (!callback.admitted(ctx.channel(), r.listener(), sni, r.target().endpoint())) {
            ctx.close();
            return;
        }
        ctx.pipeline().replace(this, "passthrough", relay(ctx.channel(), sni, r.listener(), r.target()));
    }

    private PassthroughRelay relay(Channel channel, String sni, ListenerInfo listener, Target t) {
        return new PassthroughRelay(t.endpoint().address(), t.backendTls(), connectTimeoutMillis,
                (connected, up, down, failure) -> {
                    if (failure != null && t.backendTls() != null) {
                        callback.upstreamTlsFailed(channel, listener, sni, rootMessage(failure));
                    }
                    callback.passthroughFinished(listener, sni, t.endpoint(), connected, up, down);
                });
    }

    private static String rootMessage(Throwable failure) {
        String message = String.valueOf(failure);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /** Terminates TLS; then the HTTP handlers follow ({@code relay} null) or the plaintext goes to a TLSRoute backend. */
    private void terminate(ChannelHandlerContext ctx, String sni, ListenerInfo listener, SslContext context,
            Target relay) {
        SslHandler ssl = context.newHandler(ctx.alloc());
        try {
            ctx.pipeline().replace(this, "tls", ssl);
        } catch (Throwable e) {
            ReferenceCountUtil.safeRelease(ssl.engine());
            throw e;
        }
        Channel channel = ctx.channel();
        channel.pipeline().addAfter("tls", "tls-handshake-guard", HANDSHAKE_GUARD);
        ssl.handshakeFuture().addListener(done -> {
            if (!done.isSuccess()) {
                callback.refused(channel, sni, "TLS handshake failed: " + done.cause());
                return;
            }
            channel.pipeline().remove(HANDSHAKE_GUARD);
            if (relay != null) {
                channel.pipeline().addLast("terminated-relay", relay(channel, sni, listener, relay));
                return;
            }
            String alpn = ssl.applicationProtocol();
            callback.terminated(channel.pipeline().context(ssl), listener, sni,
                    alpn == null ? ApplicationProtocolNames.HTTP_1_1 : alpn);
        });
    }
}
