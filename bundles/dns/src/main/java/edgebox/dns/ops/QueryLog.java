package edgebox.dns.ops;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

import edgebox.api.text.JsonText;
import edgebox.dns.answer.Outcome;

/**
 * One JSON line per answered query to the logger {@value #LOGGER} at INFO, for a sampled share of queries
 * ({@code sampling} between 0 and 1): time, client, transport, ID, name, type, rcode, source, reason, answer count
 * and microseconds.
 */
public final class QueryLog {

    public static final String LOGGER = "edgebox.dns.query";

    private final Logger log;
    private final boolean on;
    private final double sampling;

    public QueryLog(boolean on, double sampling) {
        this(System.getLogger(LOGGER), on, sampling);
    }

    QueryLog(Logger log, boolean on, double sampling) {
        this.log = log;
        this.on = on && sampling > 0;
        this.sampling = sampling;
    }

    public void log(Outcome r, int id, String proto, InetAddress client, long nanos) {
        if (!on || (sampling < 1 && ThreadLocalRandom.current().nextDouble() >= sampling)) {
            return;
        }
        log.log(Level.INFO, line(r, id, proto, client, nanos, System.currentTimeMillis()));
    }

    static String line(Outcome r, int id, String proto, InetAddress client, long nanos, long millis) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "ts", java.time.Instant.ofEpochMilli(millis).toString()).append(',');
        field(b, "client", client.getHostAddress()).append(',');
        field(b, "proto", proto).append(',');
        b.append("\"id\":").append(id).append(',');
        field(b, "name", r.name()).append(',');
        field(b, "type", r.type()).append(',');
        field(b, "rcode", org.xbill.DNS.Rcode.string(r.rcode())).append(',');
        field(b, "source", r.source()).append(',');
        field(b, "reason", r.reason()).append(',');
        b.append("\"answers\":").append(r.answers()).append(',');
        b.append("\"micros\":").append(nanos / 1000);
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return JsonText.appendQuoted(JsonText.appendQuoted(b, name).append(':'), value);
    }
}
