package edgebox.proxy.http;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import javax.net.ssl.SSLException;

import edgebox.proxy.route.AddressNumber;
import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.tls.BackendTlsContexts;
import edgebox.proxy.tls.CertificateIndex;
import edgebox.proxy.tls.TlsFront;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;

/**
 * The child handler leased for one bound address: admits each accepted connection (connection limit, then the
 * policy decision point asked for the client's connection to the bound address and port, the box's own), then
 * starts its pipeline: {@link PlainDetector} on a plain port, H3's {@link TlsFront} on a TLS port, whose callback
 * adds the HTTP/1.1 or HTTP/2 handlers as ALPN chose, or admits a passthrough connection to the backend endpoint its
 * TLSRoute picked (asking the policy again, for that endpoint). Shared by all connections of the address.
 */
@ChannelHandler.Sharable
public final class PortInitializer extends ChannelInitializer<Channel> {

    private static final Logger LOG = System.getLogger("edgebox.proxy");

    private final DataPath dp;
    private final InetSocketAddress bound;
    private final AddressNumber boundNumber;
    private final Supplier<CertificateIndex> certificates;

    public PortInitializer(DataPath dp, InetSocketAddress bound, Supplier<CertificateIndex> certificates) {
        this.dp = dp;
        this.bound = bound;
        this.boundNumber = AddressNumber.of(bound.getAddress());
        this.certificates = certificates;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!dp.connections.admit(ch)) {
            dp.refused("max-connections", "more than " + dp.limits.maxConnections() + " connections, or draining",
                    ch.remoteAddress());
            ch.close();
            return;
        }
        InetSocketAddress client = (InetSocketAddress) ch.remoteAddress();
        AddressNumber clientNumber = client == null ? null : AddressNumber.of(client.getAddress());
        PolicyDecisionPoint pdp = dp.policy.get();
        if (pdp != null && PolicyGate.connection(pdp, clientNumber, boundNumber, bound.getPort()) == Decision.DENY) {
            dp.refused("policy-connection", "connections to " + bound + " denied", client);
            ch.close();
            return;
        }
        PortTable table = dp.table(bound);
        String gateway = table == null || table.listeners().isEmpty() ? "" : table.listeners().get(0).gateway();
        if (table != null && table.tls()) {
            ch.pipeline().addLast("tls-front", new TlsFront(() -> dp.table(bound), certificates, this::passthrough,
                    new Terminated(client, clientNumber, gateway), (int) dp.limits.connectTimeoutMillis(),
                    dp.limits.headerReadTimeoutMillis()));
        } else {
            Conn conn = new Conn(bound, null, "http", "", "HTTP/1.1", client, gateway);
            ch.pipeline().addLast("detect", new PlainDetector(dp, conn));
        }
    }

    /** A TLSRoute's endpoint and, for a TLS listener in mode Terminate, its backend's BackendTLSPolicy handler. */
    private TlsFront.Target passthrough(ListenerInfo listener, String sni,
            edgebox.proxy.route.RouteDecision.Passthrough decision) {
        Cluster c = decision.backends() == null ? null
                : decision.backends().pick(ThreadLocalRandom.current().nextInt());
        Endpoint e = c == null || !c.resolved() ? null : dp.balancers.balancer(c.name()).pick(c);
        if (e == null) {
            return null;
        }
        BackendTls tls = listener.tlsMode() == ListenerInfo.TlsMode.TERMINATE ? c.tls() : null;
        if (tls == null) {
            return new TlsFront.Target(e, null);
        }
        SslContext context;
        try {
            context = dp.pools.tlsContexts().context(tls);
        } catch (SSLException failure) {
            dp.refused("upstream-tls", "TLSRoute on listener " + listener.key() + " \"" + sni + "\": "
                    + failure.getMessage(), decision.route());
            return null;
        }
        return new TlsFront.Target(e, backend -> BackendTlsContexts.handler(context, tls, backend.alloc(),
                e.address().getPort(), dp.limits.connectTimeoutMillis()));
    }

    private final class Terminated implements TlsFront.Callback {
        private final InetSocketAddress client;
        private final AddressNumber clientNumber;
        private final String gateway;

        Terminated(InetSocketAddress client, AddressNumber clientNumber, String gateway) {
            this.client = client;
            this.clientNumber = clientNumber;
            this.gateway = gateway;
        }

        /** HTTP rules cannot be read inside TLS passthrough: a decision that needs them closes the connection. */
        @Override
        public boolean admitted(Channel channel, ListenerInfo listener, String sni, Endpoint endpoint) {
            PolicyDecisionPoint pdp = dp.policy.get();
            if (pdp == null) {
                return true;
            }
            Decision d = PolicyGate.connection(pdp, clientNumber, endpoint.number(), endpoint.address().getPort());
            if (d == Decision.ALLOW) {
                return true;
            }
            String where = "TLS passthrough \"" + sni + "\" on listener " + listener.key();
            if (d == Decision.REQUESTS) {
                LOG.log(Level.DEBUG, () -> "edgebox.proxy: " + where + " from " + client + " to "
                        + endpoint.address() + " closed: the policy has HTTP rules for it, which cannot be read "
                        + "inside TLS passthrough");
                dp.refused("policy-backend", where + ": HTTP rules cannot be read inside TLS passthrough", client);
            } else {
                dp.refused("policy-backend", where + ": connections to the backend denied", client);
            }
            return false;
        }

        @Override
        public void terminated(ChannelHandlerContext ctx, ListenerInfo listener, String sni, String alpn) {
            Conn conn = new Conn(bound, listener, "https", sni, "HTTP/1.1", client, listener.gateway());
            if (ApplicationProtocolNames.HTTP_2.equals(alpn)) {
                Pipelines.http2(ctx.pipeline(), dp, conn.withProtocol("HTTP/2"));
            } else {
                Pipelines.http1(ctx.pipeline(), dp, conn, false);
            }
        }

        @Override
        public void upstreamTlsFailed(Channel channel, ListenerInfo listener, String sni, String reason) {
            dp.refused("upstream-tls", "TLSRoute on listener " + listener.key() + " \"" + sni + "\": " + reason,
                    client);
        }

        @Override
        public void refused(Channel channel, String sni, String reason) {
            dp.refused("tls", reason, client);
        }
    }
}
