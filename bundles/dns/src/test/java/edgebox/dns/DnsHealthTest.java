package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.TypedConfig;
import edgebox.api.health.Health;
import edgebox.dns.zone.ZoneParser;

class DnsHealthTest {

    private static DnsView.Sources sources() {
        SourceStore store = new SourceStore();
        store.putZone("zone~demo", ZoneParser.parse("zone~demo", "records", "demo.test.", "www IN A 192.0.2.1"));
        Settings settings = Settings.from(TypedConfig.of(DnsConfig.class, Map.of()), List.of());
        return new ChainBuilder(store).build(settings, null, null).sources();
    }

    @Test
    void downWhileTheListenersCannotBind() {
        Health h = DnsHealth.of(new Listeners(List.of(Binding.refused("127.0.0.1:53",
                "edgebox.dns: bind udp 127.0.0.1:53: denied"))), sources(), false, Map.of());
        assertEquals(Health.down("not listening on 127.0.0.1:53", "edgebox.dns: bind udp 127.0.0.1:53: denied"), h);
    }

    @Test
    void upWhileRebinding() {
        assertEquals(Health.up("binding 127.0.0.1:5353"),
                DnsHealth.of(new Listeners(List.of(Binding.rebinding("127.0.0.1:5353"))), sources(), false,
                        Map.of()));
    }

    @Test
    void listeningSaysWhereAndWhatTheChainHolds() {
        Listeners bound = new Listeners(List.of(new Binding("127.0.0.1:5353", null,
                "udp /127.0.0.1:5353, tcp /127.0.0.1:5353", null)));
        assertEquals(Health.up("udp /127.0.0.1:5353, tcp /127.0.0.1:5353; 1 zones, 0 route hostnames, 0 rewrites, "
                + "0 blocked names; forwarding"), DnsHealth.of(bound, sources(), true, Map.of()));
        Health refused = DnsHealth.of(bound, sources(), false, Map.of("edgebox.dns.zone~bad", "origin: empty"));
        assertEquals(Health.Status.DEGRADED, refused.status());
        assertEquals("udp /127.0.0.1:5353, tcp /127.0.0.1:5353; 1 zones, 0 route hostnames, 0 rewrites, "
                + "0 blocked names; no forwarder", refused.detail());
        assertEquals("1 configurations refused: {edgebox.dns.zone~bad=origin: empty}", refused.lastError());
    }

    @Test
    void oneAddressThatCannotBindDegradesWhileTheOtherServes() {
        Listeners two = new Listeners(List.of(
                new Binding("127.0.0.2:53", null, "udp /127.0.0.2:53, tcp /127.0.0.2:53", null),
                Binding.refused("127.0.0.3:53", "edgebox.dns: bind udp 127.0.0.3:53: Address already in use")));
        Health h = DnsHealth.of(two, sources(), false, Map.of());
        assertEquals(Health.Status.DEGRADED, h.status());
        assertEquals("udp /127.0.0.2:53, tcp /127.0.0.2:53 | 127.0.0.3:53 not listening: edgebox.dns: bind udp "
                + "127.0.0.3:53: Address already in use; 1 zones, 0 route hostnames, 0 rewrites, 0 blocked names; "
                + "no forwarder", h.detail());
        assertEquals("edgebox.dns: bind udp 127.0.0.3:53: Address already in use", h.lastError());
        Health both = DnsHealth.of(new Listeners(List.of(Binding.refused("127.0.0.2:53", "a"),
                Binding.refused("127.0.0.3:53", "b"))), sources(), false, Map.of());
        assertEquals(Health.down("not listening on 127.0.0.2:53, 127.0.0.3:53", "a; b"), both);
    }
}
