package edgebox.dns;

import java.util.List;
import java.util.Map;

import edgebox.dns.acme.AcmeChallenges;
import edgebox.dns.answer.Chain;
import edgebox.dns.block.Blocklists;
import edgebox.dns.cache.CacheView;
import edgebox.dns.gateway.GatewayAnswers;
import edgebox.dns.ops.UpstreamMetrics;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.zone.Zones;

/**
 * What the console sees of the running DNS function: the chain in use and its sources, the forwarder's cache and
 * the refused configurations. The same objects the data path reads; nothing here computes.
 */
public interface DnsView {

    /** The sources of the chain in use, in answer order. */
    record Sources(AcmeChallenges acme, Zones zones, GatewayAnswers gateway, Rewrites rewrites, Blocklists blocklists) {

        List<edgebox.dns.answer.Source> inOrder() {
            return List.of(acme, zones, gateway, rewrites, blocklists);
        }
    }

    Chain chain();

    Sources sources();

    /** The forwarder's cache, or null when no forwarder runs. */
    CacheView cache();

    /** Configurations refused, by PID, with the reason. */
    Map<String, String> problems();

    /** What an AdGuardHome.yaml's reader skipped (upstreams, lists), each naming file, field and reason. */
    List<String> notes();

    /**
     * The forwarder's totals for every configured upstream (zero for those not asked yet), then for those asked
     * under earlier settings; empty when no forwarder runs.
     */
    List<UpstreamMetrics.Row> upstreams();

    /** Where the listeners are bound, or why not. */
    String listening();
}
