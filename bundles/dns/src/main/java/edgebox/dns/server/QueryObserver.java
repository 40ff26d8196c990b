package edgebox.dns.server;

import java.net.InetAddress;

import edgebox.dns.answer.Outcome;

/** Hears of every query the server finished (for metrics and the query log) and of every one it dropped. */
public interface QueryObserver {

    /**
     * {@code id}: the query's; {@code proto} is {@code udp} or {@code tcp}; {@code nanos} from the first byte read to
     * the reply built.
     */
    void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos);

    /** {@code reason}: oversize, short, response, rrl or error. */
    void dropped(String reason);

    QueryObserver NONE = new QueryObserver() {
        @Override
        public void answered(Outcome outcome, int id, String proto, InetAddress client, long nanos) {
        }

        @Override
        public void dropped(String reason) {
        }
    };
}
