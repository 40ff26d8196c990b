package edgebox.dns.ops;

import java.net.InetAddress;

import edgebox.dns.answer.Outcome;
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
    public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
        metrics.answered(outcome.source(), outcome.rcode(), proto, nanos);
        if ("forward".equals(outcome.source())) {
            metrics.cacheHitRatio(cacheHitRatio.getAsDouble());
        }
        log.log(outcome, id, proto, client, nanos);
    }

    @Override
    public void dropped(String reason) {
        metrics.dropped(reason);
    }
}
