package edgebox.dns.ops;

import java.net.InetAddress;

import edgebox.dns.answer.Reply;
import edgebox.dns.server.QueryObserver;

/** Metrics and the query log behind the server's {@link QueryObserver}. */
public final class Observer implements QueryObserver {

    private final DnsMetrics metrics;
    private final QueryLog log;

    private final java.util.function.DoubleSupplier cacheHitRatio;

    /** {@code cacheHitRatio} is read after each forwarded answer, for the gauge. */
    public Observer(DnsMetrics metrics, QueryLog log, java.util.function.DoubleSupplier cacheHitRatio) {
        this.metrics = metrics;
        this.log = log;
        this.cacheHitRatio = cacheHitRatio;
    }

    @Override
    public void answered(Reply reply, String proto, InetAddress client, long nanos) {
        metrics.answered(reply.source(), reply.rcode(), proto, nanos);
        if ("forward".equals(reply.source())) {
            metrics.cacheHitRatio(cacheHitRatio.getAsDouble());
        }
        log.log(reply, proto, client, nanos);
    }

    @Override
    public void dropped(String reason) {
        metrics.dropped(reason);
    }
}
