package edgebox.dns.forward;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

import edgebox.dns.cache.AnswerCache;
import edgebox.dns.cache.CacheKey;
import edgebox.dns.cache.CacheView;
import edgebox.dns.cache.CachedAnswer;

/**
 * The caching forwarder, last in the answer chain. A fresh cached answer is returned at once (and a popular one in
 * the last tenth of its life is refreshed in the background); otherwise the question goes to its upstreams, one
 * upstream query per question however many clients ask it at once. When that fails or is slower than
 * clientTimeoutMillis and an expired answer is still within its stale window, the client gets it with TTL
 * staleAnswerTtl (RFC 8767); with nothing to serve, SERVFAIL. A query with CD set bypasses the cache
 * ({@link #checkingDisabled}). Never blocks: the future completes on an event loop.
 */
public final class Forwarder implements AutoCloseable {

    private final ForwardSettings settings;
    private final EventLoopGroup group;
    private final Clock clock;
    private final AnswerCache cache;
    private final UpstreamTable table;
    private final Resolution resolution;
    private final SslContext tls;
    private final Class<? extends SocketChannel> tcp;
    private final RandomGenerator ids = new SecureRandom();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Upstream, StreamUpstream> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CacheKey, CompletableFuture<CachedAnswer>> inflight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Forwarder(ForwardSettings settings, EventLoopGroup group, Class<? extends DatagramChannel> udp,
            Class<? extends SocketChannel> tcp, Clock clock) {
        this(settings, group, udp, tcp, clock, UpstreamObserver.NONE);
    }

    public Forwarder(ForwardSettings settings, EventLoopGroup group, Class<? extends DatagramChannel> udp,
            Class<? extends SocketChannel> tcp, Clock clock, UpstreamObserver observer) {
        this.settings = settings;
        this.group = group;
        this.clock = clock;
        this.tcp = tcp;
        this.cache = new AnswerCache(settings.cachePolicy(), clock::millis);
        this.table = new UpstreamTable(settings.upstreams(), settings.domainUpstreams());
        this.tls = settings.anyTls() ? TlsClient.context(settings.tlsTrust()) : null;
        Bootstrap bootstrap = new Bootstrap().group(group).channel(udp);
        this.resolution = new Resolution(bootstrap, this::stream, ids, settings.timeoutMillis(), open, clock::millis,
                observer);
    }

    /** The answer to {@code query}'s question, with its ID and question echoed; see the class comment. */
    public CompletableFuture<Message> forward(Message query) {
        CacheKey key = CacheKey.of(query);
        if (key == null) {
            return CompletableFuture.completedFuture(Replies.error(query, org.xbill.DNS.Rcode.FORMERR));
        }
        if (query.getHeader().getFlag(Flags.CD)) {
            return checkingDisabled(query, key);
        }
        long now = clock.millis();
        CachedAnswer cached = cache.get(key);
        if (cached != null && cached.fresh(now)) {
            cache.countHit(cached);
            if (settings.prefetch() && cached.hits() >= 2 && cached.nearExpiry(now) && cached.startRefresh()) {
                cache.countPrefetch();
                fetch(key, query).whenComplete((a, e) -> cached.endRefresh());
            }
            return CompletableFuture.completedFuture(reply(query, cached, now, -1));
        }
        cache.countMiss();
        if (closed) {
            return CompletableFuture.completedFuture(Replies.error(query, org.xbill.DNS.Rcode.SERVFAIL));
        }
        CompletableFuture<CachedAnswer> fetched = fetch(key, query);
        if (cached == null || !settings.serveStale() || !cached.usableStale(now)) {
            return fetched.handle((answer, error) -> error == null
                    ? reply(query, answer, clock.millis(), -1)
                    : Replies.error(query, org.xbill.DNS.Rcode.SERVFAIL));
        }
        return staleOr(query, cached, fetched);
    }

    /**
     * A query with CD set goes upstream with CD and its answer is neither taken from nor put into the cache: the
     * cache holds answers the upstream validated (CD clear), which a checking client must not get in place of the
     * data it checks itself, and the unchecked answer must not reach clients that rely on the upstream's
     * validation (RFC 4035 §3.2.2, RFC 6840 §5.9).
     */
    private CompletableFuture<Message> checkingDisabled(Message query, CacheKey key) {
        if (closed) {
            return CompletableFuture.completedFuture(Replies.error(query, Rcode.SERVFAIL));
        }
        return resolution.resolve(query, table.select(key.name())).handle((upstream, error) -> {
            long now = clock.millis();
            CachedAnswer answer = error == null
                    ? CachedAnswer.of(key, upstream.message(), upstream.wire(), cache.policy(), now) : null;
            if (answer == null) {
                return Replies.error(query, Rcode.SERVFAIL);
            }
            Message reply = reply(query, answer, now, -1);
            reply.getHeader().setFlag(Flags.CD);
            return reply;
        });
    }

    /** RFC 8767: the fresh answer if it comes within clientTimeoutMillis, else (or on failure) the stale one. */
    private CompletableFuture<Message> staleOr(Message query, CachedAnswer stale,
            CompletableFuture<CachedAnswer> fetched) {
        CompletableFuture<Message> out = new CompletableFuture<>();
        AtomicBoolean decided = new AtomicBoolean();
        var timer = group.next().schedule(() -> {
            if (decided.compareAndSet(false, true)) {
                cache.countStale();
                out.complete(reply(query, stale, clock.millis(), settings.staleAnswerTtl()));
            }
        }, settings.clientTimeoutMillis(), TimeUnit.MILLISECONDS);
        fetched.whenComplete((answer, error) -> {
            timer.cancel(false);
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            if (error == null) {
                out.complete(reply(query, answer, clock.millis(), -1));
            } else {
                cache.countStale();
                out.complete(reply(query, stale, clock.millis(), settings.staleAnswerTtl()));
            }
        });
        return out;
    }

    /** The reply from {@code answer}, or SERVFAIL (and the answer dropped) when its bytes no longer parse. */
    private Message reply(Message query, CachedAnswer answer, long now, int staleTtl) {
        Message reply = answer.reply(query, now, staleTtl);
        if (reply == null) {
            cache.remove(answer);
            return Replies.error(query, org.xbill.DNS.Rcode.SERVFAIL);
        }
        return reply;
    }

    /** One upstream resolution per key at a time; its answer is cached when it has a lifetime. */
    private CompletableFuture<CachedAnswer> fetch(CacheKey key, Message query) {
        CompletableFuture<CachedAnswer> mine = new CompletableFuture<>();
        CompletableFuture<CachedAnswer> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        List<Upstream> upstreams = table.select(key.name());
        resolution.resolve(query, upstreams).whenComplete((reply, error) -> {
            inflight.remove(key, mine);
            if (error != null) {
                mine.completeExceptionally(error);
                return;
            }
            CachedAnswer answer = CachedAnswer.of(key, reply.message(), reply.wire(), cache.policy(), clock.millis());
            if (answer == null) {
                mine.completeExceptionally(new UpstreamException(reply.from(), "reply for " + key + " is malformed"));
                return;
            }
            cache.put(answer);
            mine.complete(answer);
        });
        return mine;
    }

    private StreamUpstream stream(Upstream upstream) {
        return streams.computeIfAbsent(upstream, u -> new StreamUpstream(u, group.next(), tcp,
                u.tls() ? tls : null, settings.timeoutMillis(), ids));
    }

    public ForwardSettings settings() {
        return settings;
    }

    /** Changes when the cache is flushed: replies kept from it before no longer hold. */
    public long epoch() {
        return cache.flushes();
    }

    public CacheView cache() {
        return cache;
    }

    /** Closes upstream connections and sockets; later forwards answer from the cache or SERVFAIL. */
    @Override
    public void close() {
        closed = true;
        streams.values().forEach(StreamUpstream::close);
        for (Channel channel : open) {
            channel.close();
        }
    }
}
