package edgebox.api.policy;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A connection as it enters the box: who from, to which local address, and the TLS server name when there is one
 * (empty otherwise). {@code function} names the data path asking: {@code proxy}, {@code dns}, {@code lb}.
 */
public record Flow(String function, InetSocketAddress client, InetSocketAddress local, String serverName) {

    public Flow {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(local, "local");
        serverName = serverName == null ? "" : serverName;
    }
}
