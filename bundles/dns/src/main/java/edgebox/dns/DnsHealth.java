package edgebox.dns;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import edgebox.api.health.Health;

/**
 * The DNS function's entry in {@code edgebox:status}: down while no address can bind, up while they rebind,
 * otherwise where it listens and what the chain holds, degraded while an address cannot bind or some configuration
 * is refused.
 */
final class DnsHealth {

    private DnsHealth() {
    }

    static Health of(Listeners listeners, DnsView.Sources sources, boolean forwarding,
            Map<String, String> problems) {
        List<Binding> refused = listeners.refused();
        String bindErrors = refused.stream().map(Binding::error).collect(Collectors.joining("; "));
        if (listeners.bound().isEmpty()) {
            return refused.isEmpty() ? Health.up("binding " + listeners.endpoints())
                    : Health.down("not listening on " + listeners.endpoints(), bindErrors);
        }
        String detail = listeners.text() + "; " + sources.zones().zones().size() + " zones, "
                + sources.gateway().size() + " route hostnames, " + sources.rewrites().rules().size() + " rewrites, "
                + sources.blocklists().size() + " blocked names; " + (forwarding ? "forwarding" : "no forwarder");
        if (!refused.isEmpty()) {
            return Health.degraded(detail, bindErrors + (problems.isEmpty() ? ""
                    : "; " + problems.size() + " configurations refused: " + problems));
        }
        return problems.isEmpty() ? Health.up(detail)
                : Health.degraded(detail, problems.size() + " configurations refused: " + problems);
    }
}
