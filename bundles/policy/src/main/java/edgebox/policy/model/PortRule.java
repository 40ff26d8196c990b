package edgebox.policy.model;

import java.util.List;

/**
 * A toPorts entry: the ports, and the L7 rules their traffic must match: {@code http} for requests (every port
 * then a TCP port) or {@code dns} for questions to the box's resolver (every port then port 53); never both. With
 * neither, every request and question passes.
 */
public record PortRule(List<PortRange> ports, List<HttpRule> http, List<DnsRule> dns) {

    public PortRule {
        ports = List.copyOf(ports);
        http = List.copyOf(http);
        dns = List.copyOf(dns);
    }

    /** A port rule without DNS rules. */
    public PortRule(List<PortRange> ports, List<HttpRule> http) {
        this(ports, http, List.of());
    }

    /** Whether L7 rules decide the requests or questions on these ports. */
    public boolean hasL7Rules() {
        return !http.isEmpty() || !dns.isEmpty();
    }
}
