package edgebox.dns;

import java.util.Map;

import edgebox.api.health.Health;

/**
 * The DNS function's entry in {@code edgebox:status}: down while the listeners cannot bind, up while they rebind,
 * otherwise where it listens and what the chain holds, degraded while some configuration is refused.
 */
final class DnsHealth {

    private DnsHealth() {
    }

    static Health of(Binding binding, DnsView.Sources sources, boolean forwarding, Map<String, String> problems) {
        if (binding.listening() == null) {
            return binding.error() == null ? Health.up("binding " + binding.endpoint())
                    : Health.down("not listening on " + binding.endpoint(), binding.error());
        }
        String detail = binding.listening() + "; " + sources.zones().zones().size() + " zones, "
                + sources.gateway().size() + " route hostnames, " + sources.rewrites().rules().size() + " rewrites, "
                + sources.blocklists().size() + " blocked names; " + (forwarding ? "forwarding" : "no forwarder");
        return problems.isEmpty() ? Health.up(detail)
                : Health.degraded(detail, problems.size() + " configurations refused: " + problems);
    }
}
