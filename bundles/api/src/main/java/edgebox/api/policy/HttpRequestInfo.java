package edgebox.api.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the proxy has parsed it, going from {@code client} to the backend {@code destination} on
 * {@code port}. Header names are lower case.
 */
public record HttpRequestInfo(String function, InetAddress client, InetAddress destination, int port, String method,
        String path, Map<String, List<String>> headers) {

    public HttpRequestInfo {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
    }
}
