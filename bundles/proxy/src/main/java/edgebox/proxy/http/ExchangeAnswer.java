package edgebox.proxy.http;

import edgebox.proxy.http.RetryPolicy.GiveUp;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.upstream.Upstream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The answer half of an {@link Exchange}, on the downstream channel's event loop: the exchange's
 * {@link ExchangePhase}, whether the client's connection stays, and what went down (status, bytes, the access log's
 * flags). It relays the upstream's response (head rewritten for the client, parts, end), sends the proxy's own
 * answers, and answers a failure with a status while nothing went down yet, else cuts; the handler's
 * {@link ResponseRelay} writes. {@link Exchange}, the one subclass, is the request half: the halves are one object per
 * request, so the split costs no allocation, and this half sees the other only through the abstract methods.
 */
abstract sealed class ExchangeAnswer permits Exchange {

    private final ResponseRelay relay;
    private final boolean http1;
    private ExchangePhase phase = ExchangePhase.ROUTING;
    private boolean keepAlive;
    private String flags = "";
    private int status;
    private long bytesOut;

    ExchangeAnswer(ResponseRelay relay, boolean http1, boolean keepAlive) {
        this.relay = relay;
        this.http1 = http1;
        this.keepAlive = keepAlive;
    }

    abstract HttpRequest request();

    abstract boolean requestComplete();

    /** True when the request announced a body (a length above 0, or chunks). */
    abstract boolean bodyExpected();

    /**
     * True for an HTTP/2 extended CONNECT (RFC 8441): its stream has no end of its own before a tunnel, so any other
     * answer resets it with NO_ERROR once sent (RFC 9113 8.1), which also ends the exchange.
     */
    abstract boolean extendedConnect();

    /** The answer needs no upstream any more: a forward still trying gives up. */
    abstract void stopForward();

    /** Logs the exchange and hands the connection back, once. */
    abstract void finish();

    final ExchangePhase phase() {
        return phase;
    }

    final boolean finished() {
        return phase == ExchangePhase.DONE;
    }

    final boolean http1() {
        return http1;
    }

    final boolean keepAlive() {
        return keepAlive;
    }

    final int status() {
        return status;
    }

    final long bytesOut() {
        return bytesOut;
    }

    final String flags() {
        return flags;
    }

    final void flag(String f) {
        flags = f;
    }

    /** The client went away: nothing more goes down, the connection is not kept. */
    final void clientGone() {
        flags = flags.isEmpty() ? "DC" : flags;
        keepAlive = false;
    }

    /** Closes the client's connection without an answer (a request refused after its exchange ended). */
    final void cut() {
        relay.cut();
    }

    final void forwarding() {
        phase = ExchangePhase.FORWARDING;
    }

    /** The upstream's final response head, rewritten for the client; its parts follow unless it is whole. */
    final void relayHead(HttpResponse r, HeaderChanges changes) {
        status = r.status().code();
        phase = ExchangePhase.RELAYING;
        keepAlive = Rewrites.response(r, request(), changes, http1, keepAlive, relay.draining());
        if (!(r instanceof LastHttpContent)) {
            relay.head(r);
        }
    }

    /** A part of the response body; false when the client cannot take more now (the upstream should pause). */
    final boolean relayPart(HttpContent c) {
        bytesOut += c.content().readableBytes();
        return relay.part(c);
    }

    /** The response's end (or the whole response): an HTTP/1.1 request still coming closes the connection. */
    final void relayEnd(LastHttpContent last) {
        bytesOut += last.content().readableBytes();
        phase = ExchangePhase.ANSWERED;
        keepAlive &= !http1 || requestComplete();
        relay.end(last, http1 ? !keepAlive : streamOutlivesAnswer());
        finishIfComplete();
    }

    final void flushDownstream() {
        relay.flush();
    }

    /**
     * The upstream answered 101 to a WebSocket handshake: the connection (or, for an extended CONNECT, the stream,
     * which the client sees answered 200) becomes a tunnel, the exchange ends.
     */
    final void tunnel(Upstream up, HttpResponse switching, HeaderChanges changes) {
        status = http1 ? switching.status().code() : 200;
        phase = ExchangePhase.RELAYING;
        relay.tunnel(up, switching, changes, requestComplete());
        keepAlive = false;
        finish();
    }

    final void respond(int code, String reason) {
        send(LocalResponses.text(code, reason, false));
    }

    /**
     * An answer of the proxy's own, whole. It keeps the connection when the rest of the request body is absent or
     * small enough to skip; the relay adds the Connection field that says so.
     */
    final void send(FullHttpResponse r) {
        if (http1 && !requestComplete() && bodyExpected()) {
            long length = HttpUtil.getContentLength(request(), -1L);
            keepAlive &= length >= 0 && length <= 65536;
        }
        status = r.status().code();
        bytesOut += r.content().readableBytes();
        phase = ExchangePhase.ANSWERED;
        relay.whole(r, http1 ? keepAlive : !streamOutlivesAnswer(), request().protocolVersion());
        finishIfComplete();
    }

    final void upstreamFailed(GiveUp why, String detail) {
        if (phase == ExchangePhase.DONE) {
            return;
        }
        if (why == GiveUp.OVERLOADED && phase.beforeResponse()) {
            flags = why.flag();
            keepAlive &= requestComplete();
            stopForward();
            send(LocalResponses.overloaded(why.reason(detail)));
            return;
        }
        fail(why.flag(), keepAlive && requestComplete(), why.status(), why.reason(detail));
    }

    /** Flagged (unless {@code flag} is null), answered with {@code code} while nothing went down yet, else cut. */
    final void fail(String flag, boolean keep, int code, String reason) {
        if (flag != null) {
            flags = flag;
        }
        keepAlive = keep;
        stopForward();
        if (phase.beforeResponse()) {
            respond(code, reason);
        } else {
            keepAlive = false;
            relay.cut();
            finish();
        }
    }

    /** An HTTP/2 extended CONNECT answered without a tunnel while its stream is open: the relay resets it. */
    private boolean streamOutlivesAnswer() {
        return extendedConnect() && !requestComplete();
    }

    /** The exchange ends once the answer is complete and the request is in, or the connection is not kept. */
    final void finishIfComplete() {
        if (phase == ExchangePhase.ANSWERED && (requestComplete() || !keepAlive)) {
            finish();
        }
    }

    /** Moves to DONE; false when the exchange was done already. */
    final boolean markDone() {
        boolean was = phase == ExchangePhase.DONE;
        phase = ExchangePhase.DONE;
        return !was;
    }
}
