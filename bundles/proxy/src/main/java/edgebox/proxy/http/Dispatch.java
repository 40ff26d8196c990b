package edgebox.proxy.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import edgebox.api.policy.Flow;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.http.RetryPolicy.GiveUp;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The first step of an {@link Exchange}: limits on the head, the HTTP-01 answer on plain ports, routing with the
 * latest snapshot's port table, the policy decision point, then the decision: a local answer, a redirect, or the
 * forward's setup (backend by weight, replay or streaming, rewrites, 100-continue, the request timeout) handed to a
 * {@link Forwarding}, which starts the first attempt now or once a held body is complete.
 */
final class Dispatch {

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
        PolicyDecisionPoint pdp = dp.policy.get();
        if (pdp != null) {
            Verdict v = pdp.request(info(head, conn, route));
            if (!v.allowed()) {
                x.flag("policy:" + v.rule());
                x.respond(403, "denied by policy");
                return;
            }
        }
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

    private static HttpRequestInfo info(NettyHead head, Conn conn, String routeName) {
        HttpRequest request = head.request();
        Map<String, List<String>> headers = new HashMap<>();
        for (Map.Entry<String, String> e : request.headers()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(e.getValue());
        }
        Flow flow = new Flow("proxy", conn.client(), conn.bound(), conn.sni());
        return new HttpRequestInfo(flow, request.method().name(), head.authority(), request.uri(), headers,
                routeName);
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
        boolean http1 = x.http1();
        HttpHeaders h = x.head().request().headers();
        boolean websocket = http1 && HeaderRules.isWebSocketUpgrade(h);
        boolean mayReplay = f.retry().attempts() > 0 || !f.mirrors().isEmpty();
        boolean replay = !x.bodyExpected() || mayReplay && length >= 0 && length <= dp.limits.replayBufferBytes();
        boolean expectContinue = h.contains(HttpHeaderNames.EXPECT)
                && h.containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true);
        Forwarding forwarding = new Forwarding(x, ctx, dp, f, cluster, websocket, replay);
        long timeout = RetryPolicy.deadlineNanos(f.timeouts().request());
        x.forward(forwarding, timeout == 0 ? null : ctx.executor().schedule(
                () -> forwarding.timedOut(null, GiveUp.REQUEST_TIMEOUT), timeout, TimeUnit.NANOSECONDS));
        Rewrites.request(x.head(), conn, f, websocket, cluster.h2c() && !websocket, http1);
        if (expectContinue && x.bodyExpected() && http1) {
            ctx.writeAndFlush(LocalResponses.continue100());
        }
        if (!(replay && x.bodyExpected())) {
            forwarding.startAttempt();
        }
    }
}
