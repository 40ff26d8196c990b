package edgebox.dns;

import java.util.List;

import edgebox.api.route.RouteTable;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Upstream;
import edgebox.dns.block.Blocklists;
import edgebox.dns.block.FilterList;
import edgebox.dns.gateway.GatewayAnswers;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.zone.Zones;

/**
 * Assembles the answer chain from what feeds it now: the store's ACME records, zones, rewrites and blocklists, the
 * proxy's route hostnames, the settings (gateway domains, TTLs, recursion networks) and the forwarder. Every chain
 * gets the next version, and the gateway answers carry the same number.
 */
final class ChainBuilder {

    /** A chain and the sources it answers from, published together. */
    record Built(DnsView.Sources sources, Chain chain) {
    }

    private final SourceStore store;
    private long version;
    private Blocklists blocklists = Blocklists.EMPTY;
    private List<FilterList> blocklistsFrom = List.of();
    private long blocklistsTtl = -1;

    ChainBuilder(SourceStore store) {
        this.store = store;
    }

    /** {@code routes} and {@code forwarder} may be null: no route hostnames, nothing forwarded. */
    synchronized Built build(Settings settings, RouteTable routes, Upstream forwarder) {
        long next = version + 1;
        DnsView.Sources sources = new DnsView.Sources(store.acme(), new Zones(store.zones()),
                new GatewayAnswers(routes == null ? List.of() : routes.hostnames(), settings.gatewayDomains(),
                        settings.gatewayTtl(), next),
                new Rewrites(store.rewrites(), settings.localTtl()),
                blocklists(store.blocklists(), settings.localTtl()));
        version = next;
        return new Built(sources, new Chain(sources.inOrder(), settings.recursion(), forwarder, next));
    }

    /**
     * The blocklists' index, built again only when the lists themselves (or the TTL) changed: a million rules take a
     * quarter of a second to index, and most changes (routes, zones, the forwarder) leave them as they are.
     */
    private Blocklists blocklists(List<FilterList> lists, long ttl) {
        if (ttl != blocklistsTtl || !lists.equals(blocklistsFrom)) {
            blocklists = new Blocklists(lists, ttl);
            blocklistsFrom = lists;
            blocklistsTtl = ttl;
        }
        return blocklists;
    }
}
