package edgebox.proxy.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.http.RetryPolicy.GiveUp;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The first step of an {@link Exchange}: limits on the head, the HTTP-01 answer on plain ports, routing with the
 * latest snapshot's port table, then the decision: a local answer, a redirect, or a forward. A forward picks its
 * backend by weight and the first endpoint, asks the policy decision point (when one is registered) whether the
 * client may reach that endpoint, and per request when L7 rules apply (a denial is answered 403), then sets up
 * rewrites, 100-continue and the request timeout, and hands over to a {@link Forwarding}, which starts the first
 * attempt at once (a body streams to it).
 */
final class Dispatch {

    /** The body of a 403 for a request the policy denies (LocalResponses adds the newline). */
    static final String ACCESS_DENIED = "access denied";

    private Dispatch() {
    }

    /** {@code length}: the request's Content-Length, -1 without one. */
    static void start(Exchange x, long length, ChannelHandlerContext ctx, DataPath dp, Conn conn) {
        NettyHead head = x.head();
        if (dp.limits.maxBodyBytes() > 0 && length > dp.limits.maxBodyBytes()) {
            x.refuse(413, "body-too-large", "Content-Length " + length + " over maxBodyBytes "
                    + dp.limits.maxBodyBytes());
            return;
        }
        if (!conn.tls() && head.request().method() == HttpMethod.GET) {
            String key = dp.acme.answer(head.path());
            if (key != null) {
                x.route("acme-http-01");
                x.send(LocalResponses.exact(200, key));
                return;
            }
        }
        PortTable table = dp.table(conn.bound());
        if (table == null) {
            x.respond(404, "no listener on " + conn.bound());
            return;
        }
        RouteDecision decision = table.route(conn.listener(), head);
        String route = routeName(decision);
        x.route(route);
        switch (decision) {
            case RouteDecision.Respond r -> {
                x.flag(r.status() == 404 ? "NR" : "");
                x.respond(r.status(), r.reason());
            }
            case RouteDecision.Redirect r -> x.send(LocalResponses.redirect(r.status(), r.location(), false));
            case Forward f -> forward(x, f, length, ctx, dp, conn);
            case RouteDecision.Passthrough p -> x.respond(500, "passthrough route on an HTTP listener");
        }
    }

    private static String routeName(RouteDecision d) {
        return switch (d) {
            case Forward f -> f.route();
            case RouteDecision.Redirect r -> r.route();
            case RouteDecision.Passthrough p -> p.route();
            case RouteDecision.Respond r -> "";
        };
    }

    private static void forward(Exchange x, Forward f, long length, ChannelHandlerContext ctx, DataPath dp,
            Conn conn) {
        Cluster cluster = f.backends() == null ? null : f.backends().pick(ThreadLocalRandom.current().nextInt());
        if (cluster == null) {
            x.respond(500, "no backend with a weight above 0");
            return;
        }
        x.backend(cluster.name());
        if (!cluster.resolved()) {
            x.flag("NR");
            x.respond(500, cluster.problem());
            return;
        }
        Endpoint first = dp.balancers.balancer(cluster.name()).pick(cluster);
        if (first != null && !admitted(x, f, dp, conn, cluster, first)) {
            return;
        }
        boolean http1 = x.http1();
        HttpHeaders h = x.head().request().headers();
        boolean websocket = HeaderRules.isWebSocketUpgrade(h);
        boolean expectContinue = h.contains(HttpHeaderNames.EXPECT)
                && h.containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true);
        Forwarding forwarding = new Forwarding(x, ctx, dp, f, cluster, first, websocket);
        long timeout = RetryPolicy.deadlineNanos(f.timeouts().request());
        x.forward(forwarding, timeout == 0 ? null : ctx.executor().schedule(
                () -> forwarding.timedOut(null, GiveUp.REQUEST_TIMEOUT), timeout, TimeUnit.NANOSECONDS));
        Rewrites.request(x.head(), conn, f, websocket, cluster.h2c() && !websocket, http1);
        if (expectContinue && x.bodyExpected() && http1) {
            ctx.writeAndFlush(LocalResponses.continue100());
        }
        forwarding.startAttempt();
    }

    /**
     * Whether the policy lets the client reach {@code endpoint} of {@code cluster} with this request (always, when no
     * decision point is registered); if not, the request is answered 403 with a body that names no rule, flagged
     * {@code policy} (connection denied) or {@code policy:<rule>} (request denied) in the access log, and counted.
     */
    private static boolean admitted(Exchange x, Forward f, DataPath dp, Conn conn, Cluster cluster,
            Endpoint endpoint) {
        PolicyDecisionPoint pdp = dp.policy.get();
        if (pdp == null) {
            return true;
        }
        int port = endpoint.address().getPort();
        Decision d = PolicyGate.connection(pdp, conn.clientNumber(), endpoint.number(), port);
        if (d == Decision.ALLOW) {
            return true;
        }
        if (d == Decision.REQUESTS) {
            Verdict v = PolicyGate.request(pdp, conn.client().getAddress(), endpoint.address().getAddress(), port,
                    x.head().request(), backendTarget(x.head(), f));
            if (v.allowed()) {
                return true;
            }
            dp.refused("policy-request", f.route() + " to " + cluster.name() + ": denied by " + v.rule(),
                    conn.client());
            x.flag("policy:" + v.rule());
        } else {
            dp.refused("policy-backend", f.route() + ": connections to " + cluster.name() + " denied",
                    conn.client());
            x.flag("policy");
        }
        x.respond(403, ACCESS_DENIED);
        return false;
    }

    /** The path and query the backend receives: the route's URLRewrite, else the request's own. */
    static String backendTarget(NettyHead head, Forward f) {
        if (f.path() != null && !f.path().isEmpty()) {
            return f.path();
        }
        return head.query().isEmpty() ? head.path() : head.path() + "?" + head.query();
    }
}
