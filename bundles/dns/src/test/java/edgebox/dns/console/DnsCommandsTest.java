package edgebox.dns.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.dns.DnsView;
import edgebox.dns.RecordingMetrics;
import edgebox.dns.acme.AcmeChallenges;
import edgebox.dns.answer.Chain;
import edgebox.dns.block.BlockListParser;
import edgebox.dns.block.BlockMode;
import edgebox.dns.block.Blocklists;
import edgebox.dns.cache.CacheView;
import edgebox.dns.forward.Upstream;
import edgebox.dns.gateway.GatewayAnswers;
import edgebox.dns.ops.UpstreamMetrics;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.zone.Zones;

/** What {@code dns:blocklists}, {@code dns:status} and {@code dns:upstreams} print, from a view built by hand. */
class DnsCommandsTest {

    private Blocklists blocklists = Blocklists.EMPTY;
    private List<String> notes = List.of();
    private List<UpstreamMetrics.Row> upstreams = List.of();

    private final DnsView view = new DnsView() {
        @Override
        public Chain chain() {
            return new Chain(List.of(), List.of(), null, 7);
        }

        @Override
        public Sources sources() {
            return new Sources(new AcmeChallenges(), new Zones(List.of()), new GatewayAnswers(List.of(), List.of(),
                    60, 7), new Rewrites(List.of(), 60), blocklists);
        }

        @Override
        public CacheView cache() {
            return null;
        }

        @Override
        public Map<String, String> problems() {
            return Map.of();
        }

        @Override
        public List<String> notes() {
            return notes;
        }

        @Override
        public List<UpstreamMetrics.Row> upstreams() {
            return upstreams;
        }

        @Override
        public String listening() {
            return "127.0.0.1:5353";
        }
    };
    private final DnsCommands commands = new DnsCommands(view);

    @Test
    void refusedRulesAndSkippedEntriesShowTheFirstTwentyAndHowManyMore() {
        StringBuilder text = new StringBuilder("||ads.test^\n@@||ok.ads.test^\n");
        for (int i = 0; i < 45; i++) {
            text.append("/regex").append(i).append("/\n");
        }
        blocklists = new Blocklists(List.of(BlockListParser.parse("ads.txt", text.toString(), BlockMode.NXDOMAIN),
                BlockListParser.parse("AdGuardHome.yaml user_rules", "||x.test^$denyallow=y.test", BlockMode.ZERO)),
                10);
        notes = List.of("AdGuardHome.yaml: dns.upstream_dns[1]: 'https://dns.example/dns-query' skipped: the "
                + "forwarder speaks plain DNS and DNS over TLS only",
                "AdGuardHome.yaml: filters[0]: https://lists.example/a.txt skipped: the box reads local list files "
                + "only; download it and give its path");

        String out = commands.blocklists();

        assertTrue(out.matches("(?s).*ads\\.txt +nxdomain +1 +1 +45\n.*"), out);
        assertTrue(out.matches("(?s).*AdGuardHome\\.yaml user_rules +zero +0 +0 +1\n.*"), out);
        assertTrue(out.contains("2 lists, 1 rules, 1 exceptions, 46 lines refused\n"), out);
        assertTrue(out.contains("  ads.txt:3: \"/regex0/\": regular expressions are not supported\n"), out);
        assertTrue(out.contains("  ads.txt:22: \"/regex19/\""), out);
        assertFalse(out.contains("/regex20/"), "only the first 20: " + out);
        assertTrue(out.contains("  26 more\n"), out);
        assertTrue(out.contains("skipped from AdGuardHome.yaml:\n  AdGuardHome.yaml: dns.upstream_dns[1]"), out);
        assertTrue(out.contains("  AdGuardHome.yaml: filters[0]: https://lists.example/a.txt skipped"), out);

        String status = commands.status();
        assertTrue(status.contains("blocklists: 2 lists, 1 rules, 1 exceptions, 46 lines refused (dns:blocklists)\n"),
                status);
        assertTrue(status.contains("AdGuardHome.yaml: 2 entries skipped (dns:blocklists)\n"), status);
    }

    @Test
    void everyConfiguredUpstreamIsListedAskedOrNot() {
        UpstreamMetrics metrics = new UpstreamMetrics(new RecordingMetrics());
        Upstream first = Upstream.parse("upstreams", "127.0.0.1:5301");
        Upstream corp = Upstream.parse("domainUpstreams", "127.0.0.3:53");
        Upstream earlier = Upstream.parse("upstreams", "127.0.0.9:53");
        metrics.replied(first, 2_000_000);
        metrics.failed(earlier, "timeout");
        Map<Upstream, String> configured = new LinkedHashMap<>();
        configured.put(first, "default");
        configured.put(Upstream.parse("upstreams", "127.0.0.2:53"), "default");
        configured.put(corp, "corp.test");
        upstreams = metrics.rows(configured);
        notes = List.of("AdGuardHome.yaml: dns.upstream_dns[2]: 'quic://dns.example' skipped: the forwarder speaks "
                + "plain DNS and DNS over TLS only", "AdGuardHome.yaml: filters[0]: https://x skipped");

        String out = commands.upstreams();

        List<String> lines = out.lines().toList();
        assertTrue(lines.get(1).matches("127\\.0\\.0\\.1:5301 +default +1 +1 +2\\.00  -"), lines.get(1));
        assertTrue(lines.get(2).matches("127\\.0\\.0\\.2:53 +default +0 +0 +0\\.00  -"), lines.get(2));
        assertTrue(lines.get(3).matches("127\\.0\\.0\\.3:53 +corp\\.test +0 +0 +0\\.00  -"), lines.get(3));
        assertTrue(lines.get(4).matches("127\\.0\\.0\\.9:53 +- +1 +0 +0\\.00  \\{timeout=1\\}"), lines.get(4));
        assertEquals("4 upstreams, 2 asked", lines.get(5));
        assertEquals("upstreams skipped from AdGuardHome.yaml:", lines.get(6));
        assertTrue(lines.get(7).contains("'quic://dns.example' skipped"), lines.get(7));
        assertEquals(8, lines.size(), "the filter note belongs to dns:blocklists: " + out);
    }
}
