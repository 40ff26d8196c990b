package edgebox.proxy.http;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.proxy.balance.Balancer;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision.Mirror;
import edgebox.proxy.upstream.Acquired;
import edgebox.proxy.upstream.Upstream;
import edgebox.proxy.upstream.UpstreamListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * RequestMirror, fire and forget: a copy of a replayable request (head and held body) goes to each mirror cluster
 * for its percentage of requests; the mirror's answer is read and dropped, its connection pooled again.
 */
final class Mirrors {

    private Mirrors() {
    }

    /**
     * Sends {@code request} and its held {@code body} (null when none) to the mirrors that draw it, each to an
     * endpoint the policy lets {@code conn}'s client reach with this request (a mirror is a backend like any other).
     */
    static void fire(List<Mirror> mirrors, HttpRequest request, String target, ByteBuf body, DataPath dp, Conn conn,
            EventLoop loop) {
        for (Mirror m : mirrors) {
            if (m.percent() < 100 && ThreadLocalRandom.current().nextDouble(100) >= m.percent()) {
                continue;
            }
            Cluster c = m.cluster();
            if (c == null || !c.resolved()) {
                continue;
            }
            Balancer b = dp.balancers.balancer(c.name());
            Endpoint e = b.pick(c);
            if (e == null || !admitted(dp, conn, e, request, target, c)) {
                continue;
            }
            HttpRequest copy = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                    request.headers().copy());
            Call call = new Call(b, e, copy, body == null ? null : body.retainedDuplicate());
            b.started(e);
            dp.pools.pool(loop).acquire(e, c.tls(), c.h2c(), false, call, call);
        }
    }

    private static boolean admitted(DataPath dp, Conn conn, Endpoint e, HttpRequest request, String target,
            Cluster c) {
        PolicyDecisionPoint pdp = dp.policy.get();
        if (pdp == null) {
            return true;
        }
        int port = e.address().getPort();
        Decision d = PolicyGate.connection(pdp, conn.clientNumber(), e.number(), port);
        if (d == Decision.ALLOW || d == Decision.REQUESTS && PolicyGate.request(pdp, conn.client().getAddress(),
                e.address().getAddress(), port, request, target).allowed()) {
            return true;
        }
        dp.refused("policy-mirror", "mirror copy to " + c.name() + " denied", conn.client());
        return false;
    }

    private static final class Call implements UpstreamListener, Acquired {
        private final Balancer balancer;
        private final Endpoint endpoint;
        private final HttpRequest head;
        private ByteBuf body;
        private Upstream upstream;
        private boolean done;

        Call(Balancer balancer, Endpoint endpoint, HttpRequest head, ByteBuf body) {
            this.balancer = balancer;
            this.endpoint = endpoint;
            this.head = head;
            this.body = body;
        }

        @Override
        public void acquired(Upstream up) {
            upstream = up;
            up.channel().write(head, up.channel().voidPromise());
            LastHttpContent last = body == null ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultLastHttpContent(body);
            body = null;
            up.channel().writeAndFlush(last, up.channel().voidPromise());
        }

        @Override
        public void failed(Throwable cause) {
            end(false);
        }

        @Override
        public void onResponse(HttpObject msg) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last && !done) {
                done = true;
                balancer.finished(endpoint, true);
                upstream.release(true);
            }
        }

        @Override
        public void onReadComplete() {
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
        }

        @Override
        public void onClosed(Throwable cause) {
            end(false);
        }

        private void end(boolean success) {
            if (body != null) {
                body.release();
                body = null;
            }
            if (!done) {
                done = true;
                balancer.finished(endpoint, success);
            }
        }
    }
}
