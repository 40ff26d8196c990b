package edgebox.dns.answer;

import java.net.InetAddress;
import java.util.Objects;

/** Where a query reached the box: the local address and port it was sent to, over TCP or UDP. */
public record Arrival(InetAddress local, int port, boolean tcp) {

    public Arrival {
        Objects.requireNonNull(local, "local");
    }
}
