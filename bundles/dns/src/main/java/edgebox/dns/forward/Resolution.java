package edgebox.dns.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Gets a client's question answered by a list of upstreams: each in turn (those that failed in the last
 * {@link #DOWN_MILLIS} ms last), over UDP and again over TCP when the reply is truncated, or over TLS for DoT
 * upstreams, each query with a fresh random ID. An upstream that times out, fails or answers SERVFAIL, REFUSED,
 * NOTIMP or FORMERR hands over to the next; when all fail, the result fails with the last reason. Each attempt is
 * told to the {@link UpstreamObserver}.
 */
final class Resolution {

    static final long DOWN_MILLIS = 10_000;

    private final Bootstrap udp;
    private final Function<Upstream, StreamUpstream> streams;
    private final RandomGenerator ids;
    private final int timeoutMillis;
    private final Set<Channel> open;
    private final LongSupplier millis;
    private final UpstreamObserver observer;
    private final ConcurrentHashMap<Upstream, Long> downUntil = new ConcurrentHashMap<>();

    Resolution(Bootstrap udp, Function<Upstream, StreamUpstream> streams, RandomGenerator ids, int timeoutMillis,
            Set<Channel> open, LongSupplier millis, UpstreamObserver observer) {
        this.udp = udp;
        this.streams = streams;
        this.ids = ids;
        this.timeoutMillis = timeoutMillis;
        this.open = open;
        this.millis = millis;
        this.observer = observer;
    }

    CompletableFuture<UpstreamReply> resolve(Message client, List<Upstream> upstreams) {
        CompletableFuture<UpstreamReply> out = new CompletableFuture<>();
        if (upstreams.isEmpty()) {
            out.completeExceptionally(new IllegalStateException("no upstream configured for "
                    + client.getQuestion().getName()));
            return out;
        }
        attempt(client, order(upstreams), 0, null, out);
        return out;
    }

    /** The upstreams with those marked down moved to the end, each group in configured order. */
    List<Upstream> order(List<Upstream> upstreams) {
        if (downUntil.isEmpty()) {
            return upstreams;
        }
        long now = millis.getAsLong();
        List<Upstream> up = new ArrayList<>(upstreams.size());
        List<Upstream> down = new ArrayList<>();
        for (Upstream u : upstreams) {
            Long until = downUntil.get(u);
            (until != null && until > now ? down : up).add(u);
        }
        up.addAll(down);
        return up;
    }

    private void attempt(Message client, List<Upstream> order, int i, Throwable last,
            CompletableFuture<UpstreamReply> out) {
        if (i >= order.size()) {
            out.completeExceptionally(last);
            return;
        }
        Upstream upstream = order.get(i);
        long start = System.nanoTime();
        exchange(client, upstream).whenComplete((reply, error) -> {
            observe(upstream, reply, error, System.nanoTime() - start);
            if (error == null && usable(reply.message())) {
                downUntil.remove(upstream);
                out.complete(reply);
                return;
            }
            Throwable why;
            if (error != null) {
                why = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                downUntil.put(upstream, millis.getAsLong() + DOWN_MILLIS);
            } else {
                why = new UpstreamException(upstream, "answered " + Rcode.string(reply.message().getRcode()));
            }
            attempt(client, order, i + 1, why, out);
        });
    }

    private void observe(Upstream upstream, UpstreamReply reply, Throwable error, long nanos) {
        if (error == null) {
            observer.replied(upstream, nanos);
            if (!usable(reply.message())) {
                observer.failed(upstream, Rcode.string(reply.message().getRcode()).toLowerCase(Locale.ROOT));
            }
            return;
        }
        Throwable why = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        observer.failed(upstream, why instanceof UpstreamException u && u.timeout() ? "timeout" : "network");
    }

    private CompletableFuture<UpstreamReply> exchange(Message client, Upstream upstream) {
        if (upstream.tls()) {
            return stream(client, upstream);
        }
        return UdpExchange.send(udp, upstream, UpstreamQuery.build(client, ids.nextInt(0x10000)), timeoutMillis, open)
                .thenCompose(reply -> reply.message().getHeader().getFlag(Flags.TC)
                        ? stream(client, upstream)
                        : CompletableFuture.completedFuture(reply));
    }

    private CompletableFuture<UpstreamReply> stream(Message client, Upstream upstream) {
        return streams.apply(upstream).query(UpstreamQuery.build(client, ids.nextInt(0x10000)));
    }

    private static boolean usable(Message reply) {
        int rcode = reply.getRcode();
        return rcode != Rcode.SERVFAIL && rcode != Rcode.REFUSED && rcode != Rcode.NOTIMP && rcode != Rcode.FORMERR;
    }
}
