package edgebox.proxy.http;

import java.time.Duration;
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
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;

/**
 * The first step of an {@link Exchange}: limits on the head, the HTTP-01 answer on plain ports, routing with the
 * latest snapshot's port table, the policy decision point, then the decision: a local answer, a redirect, or the
 * forward's setup (backend by weight, balancer, rewrites, 100-continue, the request timeout, replay or streaming).
 */
final class Dispatch {

    private Dispatch() {
    }

    static void start(Exchange x) {
        x.clientKeepAlive = !x.http1 || HttpUtil.isKeepAlive(x.request) && !x.owner.draining();
        long length = HttpUtil.getContentLength(x.request, -1L);
        x.hasBody = length > 0 || HttpUtil.isTransferEncodingChunked(x.request);
        if (x.dp.limits.maxBodyBytes() > 0 && length > x.dp.limits.maxBodyBytes()) {
            x.refuse(413, "body-too-large", "Content-Length " + length + " over maxBodyBytes "
                    + x.dp.limits.maxBodyBytes());
            return;
        }
        if (!x.conn.tls() && x.request.method() == HttpMethod.GET) {
            String key = x.dp.acme.answer(x.head.path());
            if (key != null) {
                x.route = "acme-http-01";
                x.sendLocal(LocalResponses.exact(200, key));
                return;
            }
        }
        PortTable table = x.dp.table(x.conn.bound());
        if (table == null) {
            x.respond(404, "no listener on " + x.conn.bound());
            return;
        }
        RouteDecision decision = table.route(x.conn.listener(), x.head);
        x.route = routeName(decision);
        PolicyDecisionPoint pdp = x.dp.policy.get();
        if (pdp != null) {
            Verdict v = pdp.request(info(x, x.route));
            if (!v.allowed()) {
                x.flags = "policy:" + v.rule();
                x.respond(403, "denied by policy");
                return;
            }
        }
        switch (decision) {
            case RouteDecision.Respond r -> {
                x.flags = r.status() == 404 ? "NR" : "";
                x.respond(r.status(), r.reason());
            }
            case RouteDecision.Redirect r -> x.sendLocal(LocalResponses.redirect(r.status(), r.location(),
                    !x.keepAliveAfterLocal()));
            case Forward f -> forward(x, f, length);
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

    private static HttpRequestInfo info(Exchange x, String routeName) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Map.Entry<String, String> e : x.request.headers()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(e.getValue());
        }
        Flow flow = new Flow("proxy", x.conn.client(), x.conn.bound(), x.conn.sni());
        return new HttpRequestInfo(flow, x.request.method().name(), x.head.authority(), x.request.uri(), headers,
                routeName);
    }

    private static void forward(Exchange x, Forward f, long length) {
        x.forward = f;
        x.cluster = f.backends() == null ? null : f.backends().pick(ThreadLocalRandom.current().nextInt());
        if (x.cluster == null) {
            x.respond(500, "no backend with a weight above 0");
            return;
        }
        if (!x.cluster.resolved()) {
            x.flags = "NR";
            x.respond(500, x.cluster.problem());
            return;
        }
        x.balancer = x.dp.balancers.balancer(x.cluster.name());
        HttpHeaders h = x.request.headers();
        x.websocket = x.http1 && HeaderRules.isWebSocketUpgrade(h);
        boolean mayReplay = f.retry().attempts() > 0 || !f.mirrors().isEmpty();
        x.replay = !x.hasBody || mayReplay && length >= 0 && length <= x.dp.limits.replayBufferBytes();
        boolean expectContinue = h.contains(HttpHeaderNames.EXPECT)
                && h.containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true);
        Rewrites.request(x, f);
        if (expectContinue && x.hasBody && x.http1) {
            x.ctx.writeAndFlush(LocalResponses.continue100());
        }
        Duration timeout = f.timeouts().request();
        if (timeout != null && !timeout.isZero()) {
            x.requestTimer = x.ctx.executor().schedule(x::requestTimedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        x.in.prepare(x.replay && x.hasBody);
        if (!(x.replay && x.hasBody)) {
            x.startAttempt();
        }
    }
}
