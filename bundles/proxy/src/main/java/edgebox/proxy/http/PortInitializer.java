package edgebox.proxy.http;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import edgebox.api.policy.Flow;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.tls.CertificateIndex;
import edgebox.proxy.tls.TlsFront;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.ApplicationProtocolNames;

/**
 * The child handler leased for one bound address: admits each accepted connection (connection limit, policy),
 * then starts its pipeline: {@link PlainDetector} on a plain port, H3's {@link TlsFront} on a TLS port, whose
 * callback adds the HTTP/1.1 or HTTP/2 handlers as ALPN chose. Shared by all connections of the address.
 */
@ChannelHandler.Sharable
public final class PortInitializer extends ChannelInitializer<Channel> {

    private final DataPath dp;
    private final InetSocketAddress bound;
    private final Supplier<CertificateIndex> certificates;

    public PortInitializer(DataPath dp, InetSocketAddress bound, Supplier<CertificateIndex> certificates) {
        this.dp = dp;
        this.bound = bound;
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
        PolicyDecisionPoint pdp = dp.policy.get();
        if (pdp != null && client != null) {
            Verdict v = pdp.connection(new Flow("proxy", client, bound, ""));
            if (!v.allowed()) {
                dp.refused("policy-connection", "denied by rule " + v.rule(), client);
                ch.close();
                return;
            }
        }
        PortTable table = dp.table(bound);
        String gateway = table == null || table.listeners().isEmpty() ? "" : table.listeners().get(0).gateway();
        if (table != null && table.tls()) {
            ch.pipeline().addLast("tls-front", new TlsFront(() -> dp.table(bound), certificates, this::passthrough,
                    new Terminated(client, gateway), (int) dp.limits.connectTimeoutMillis(),
                    dp.limits.headerReadTimeoutMillis()));
        } else {
            Conn conn = new Conn(bound, null, "http", "", "HTTP/1.1", client, gateway);
            ch.pipeline().addLast("detect", new PlainDetector(dp, conn));
        }
    }

    private Endpoint passthrough(ListenerInfo listener, String sni,
            edgebox.proxy.route.RouteDecision.Passthrough decision) {
        Cluster c = decision.backends() == null ? null
                : decision.backends().pick(ThreadLocalRandom.current().nextInt());
        return c == null || !c.resolved() ? null : dp.balancers.balancer(c.name()).pick(c);
    }

    private final class Terminated implements TlsFront.Callback {
        private final InetSocketAddress client;
        private final String gateway;

        Terminated(InetSocketAddress client, String gateway) {
            this.client = client;
            this.gateway = gateway;
        }

        @Override
        public void terminated(ChannelHandlerContext ctx, ListenerInfo listener, String sni, String alpn) {
            PolicyDecisionPoint pdp = dp.policy.get();
            if (pdp != null && client != null && !sni.isEmpty()
                    && !pdp.connection(new Flow("proxy", client, bound, sni)).allowed()) {
                dp.refused("policy-connection", "TLS connection to " + sni + " denied", client);
                ctx.close();
                return;
            }
            Conn conn = new Conn(bound, listener, "https", sni, "HTTP/1.1", client, listener.gateway());
            if (ApplicationProtocolNames.HTTP_2.equals(alpn)) {
                Pipelines.http2(ctx.pipeline(), dp, conn.withProtocol("HTTP/2"));
            } else {
                Pipelines.http1(ctx.pipeline(), dp, conn, false);
            }
        }

        @Override
        public void refused(Channel channel, String sni, String reason) {
            dp.refused("tls", reason, client);
        }
    }
}
