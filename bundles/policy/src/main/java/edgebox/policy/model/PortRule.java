package edgebox.policy.model;

import java.util.List;

/**
 * A toPorts entry: the ports, and the HTTP rules requests on them must match (none: every request). Every port of
 * a rule with HTTP rules is a TCP port.
 */
public record PortRule(List<PortRange> ports, List<HttpRule> http) {

    public PortRule {
        ports = List.copyOf(ports);
        http = List.copyOf(http);
    }
}
