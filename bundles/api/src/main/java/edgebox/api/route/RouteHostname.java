package edgebox.api.route;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A hostname some route attached to a Gateway answers for, with that Gateway's addresses. {@code hostname} is
 * lower case and may start with {@code *.} (a wildcard route hostname). {@code gateway} is
 * {@code namespace/name}; {@code source} is the object that brought the hostname, as {@code HTTPRoute ns/name}
 * or {@code Service ns/name}.
 */
public record RouteHostname(String hostname, String gateway, List<InetAddress> addresses, String source) {

    public RouteHostname {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(gateway, "gateway");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(source, "source");
    }

    public boolean wildcard() {
        return hostname.startsWith("*.");
    }
}
