package edgebox.proxy.route;

import java.util.List;

/**
 * One Gateway listener as the data path needs it. {@code hostname} is empty when the listener has none (it takes
 * every host). {@code certificateRefs} are {@code namespace/name} of the TLS Secrets for Terminate.
 */
public record ListenerInfo(String gateway, String name, int port, Protocol protocol, String hostname,
        TlsMode tlsMode, List<String> certificateRefs) {

    public enum Protocol { HTTP, HTTPS, TLS }

    public enum TlsMode { NONE, TERMINATE, PASSTHROUGH }

    public ListenerInfo {
        hostname = hostname == null ? "" : hostname;
        certificateRefs = List.copyOf(certificateRefs);
    }

    public String key() {
        return gateway + "/" + name;
    }
}
