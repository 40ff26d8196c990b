package edgebox.proxy.http;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.proxy.balance.Balancer;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision.Mirror;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpRequest;

/**
 * RequestMirror, fire and forget: each mirror cluster that draws the request (its percentage) gets a copy of the
 * head on a connection of its own, and the body as it streams ({@link MirrorCopies}); the mirror's answer is read
 * and dropped.
 */
final class Mirrors {

    private Mirrors() {
    }

    /**
     * Sends {@code request} to the mirrors that draw it, each to an endpoint the policy lets {@code conn}'s client
     * reach with this request (a mirror is a backend like any other); {@code body}: its body follows through the
     * copies returned. Null when no mirror drew it.
     */
    static MirrorCopies fire(List<Mirror> mirrors, HttpRequest request, String target, boolean body, DataPath dp,
            Conn conn, EventLoop loop) {
        MirrorCall[] calls = null;
        int n = 0;
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
            MirrorCall call = new MirrorCall(b, e, copy, !body, dp.metrics);
            b.started(e);
            dp.pools.pool(loop).acquire(e, c.tls(), c.h2c(), false, call, call);
            if (calls == null) {
                calls = new MirrorCall[mirrors.size()];
            }
            calls[n++] = call;
        }
        return calls == null ? null : new MirrorCopies(calls, n);
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
}
