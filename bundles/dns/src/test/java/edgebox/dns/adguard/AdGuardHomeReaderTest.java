package edgebox.dns.adguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Query;
import edgebox.dns.block.Blocklists;
import edgebox.dns.rewrite.Rewrites;

class AdGuardHomeReaderTest {

    /** Shaped like the file AdGuard Home 0.107 writes (schema_version 29), trimmed of the sections the box ignores. */
    static final String YAML = """
            http:
              address: 0.0.0.0:3000
            users:
              - name: admin
                password: $2y$10$abcdefghijklmnopqrstuv
            dns:
              bind_hosts:
                - 0.0.0.0
              port: 53
              upstream_dns:
                - '# the defaults'
                - 127.0.0.1:5300
                - udp://127.0.0.2:53
                - https://dns10.quad9.net/dns-query
                - '[/lan.example/]127.0.0.1:5301'
                - '[/corp.example/vpn.example/]tls://10.9.9.9:853#dns.corp.example'
                - '[/public.corp.example/]#'
              upstream_dns_file: ""
              bootstrap_dns:
                - 9.9.9.10
                - 2620:fe::10
              fallback_dns:
                - 127.0.0.3
              upstream_mode: load_balance
            filtering:
              blocking_mode: nxdomain
              filtering_enabled: true
              rewrites:
                - domain: nas.home.example
                  answer: 192.168.1.20
                  enabled: true
                - domain: '*.apps.example'
                  answer: gateway.home.example
                - domain: off.example
                  answer: 1.1.1.1
                  enabled: false
            filters:
              - enabled: true
                url: https://adguardteam.github.io/HostlistsRegistry/assets/filter_1.txt
                name: AdGuard DNS filter
                id: 1
              - enabled: true
                url: lists/ads.txt
                name: local ads
                id: 2
              - enabled: false
                url: lists/missing.txt
                name: disabled
                id: 3
            whitelist_filters:
              - enabled: true
                url: lists/allow.txt
                name: allow
                id: 4
            user_rules:
              - '||tracker.example^$important'
              - '@@||tracker.example^'
              - '@@||ok.ads.example^'
              - '||kid.example^$client=192.168.1.50'
              - '||printer.example^$dnsrewrite=NOERROR;A;192.168.1.9'
              - '||phone.example^$client=phone'
            schema_version: 29
            """;

    static Answer ask(Blocklists b, String name, String client) throws Exception {
        return b.answer(new Query(Name.fromString(name), Type.A, InetAddress.getByName(client), true));
    }

    AdGuardSetup read(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lists"));
        Files.writeString(dir.resolve("lists/ads.txt"),
                "||ads.example^\n0.0.0.0 adserver.example\n||allowed.example^\n");
        Files.writeString(dir.resolve("lists/allow.txt"), "||allowed.example^\nallowed2.example\n");
        return AdGuardHomeReader.read("AdGuardHome.yaml", YAML, dir);
    }

    @Test
    void upstreamsBecomeTheForwardersSettings(@TempDir Path dir) throws Exception {
        AdGuardSetup s = read(dir);
        assertEquals(List.of("127.0.0.1:5300", "127.0.0.2:53", "127.0.0.3"), s.upstreams());
        assertEquals(List.of("lan.example=127.0.0.1:5301", "corp.example=tls://10.9.9.9:853#dns.corp.example",
                "vpn.example=tls://10.9.9.9:853#dns.corp.example",
                "public.corp.example=127.0.0.1:5300,127.0.0.2:53,127.0.0.3"), s.domainUpstreams());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("dns.upstream_dns[3]")
                && n.contains("https://dns10.quad9.net/dns-query") && n.contains("skipped")), s.notes().toString());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("filters[0]") && n.contains("filter_1.txt")
                && n.contains("local list files only")), s.notes().toString());
    }

    @Test
    void rewritesKeepAdGuardsSemantics(@TempDir Path dir) throws Exception {
        AdGuardSetup s = read(dir);
        assertEquals(3, s.rewrites().size());
        Rewrites r = new Rewrites(s.rewrites(), 10);
        Answer nas = r.answer(new Query(Name.fromString("nas.home.example."), Type.A,
                InetAddress.getLoopbackAddress(), true));
        assertEquals("192.168.1.20", nas.answers().get(0).rdataToString());
        Answer app = r.answer(new Query(Name.fromString("shop.apps.example."), Type.A,
                InetAddress.getLoopbackAddress(), true));
        assertEquals(Name.fromString("gateway.home.example."), app.chase());
        assertNull(r.answer(new Query(Name.fromString("off.example."), Type.A, InetAddress.getLoopbackAddress(),
                true)), "a disabled rewrite is kept for the console but not served");
    }

    @Test
    void filtersAllowlistsAndUserRules(@TempDir Path dir) throws Exception {
        AdGuardSetup s = read(dir);
        assertEquals(List.of(dir.resolve("lists/ads.txt"), dir.resolve("lists/allow.txt")), s.files());
        Blocklists b = new Blocklists(s.filters(), 10);
        assertEquals(Rcode.NXDOMAIN, ask(b, "x.ads.example.", "10.0.0.1").rcode(), "blocking_mode nxdomain");
        assertEquals(Rcode.NXDOMAIN, ask(b, "adserver.example.", "10.0.0.1").rcode());
        assertNull(ask(b, "allowed.example.", "10.0.0.1"), "the allowlist wins over the filter");
        assertNull(ask(b, "ok.ads.example.", "10.0.0.1"));
        assertEquals(Rcode.NXDOMAIN, ask(b, "tracker.example.", "10.0.0.1").rcode(), "$important");
        assertEquals(Rcode.NXDOMAIN, ask(b, "kid.example.", "192.168.1.50").rcode());
        assertNull(ask(b, "kid.example.", "192.168.1.51"));
        assertEquals("192.168.1.9", ask(b, "printer.example.", "10.0.0.1").answers().get(0).rdataToString());
        String refused = s.filters().get(s.filters().size() - 1).refusals().get(0);
        assertTrue(refused.startsWith("AdGuardHome.yaml user_rules:6: ") && refused.contains("client names"),
                refused);
    }

    @Test
    void defaultBlockingModeAnswersZeroAddresses() throws Exception {
        AdGuardSetup s = AdGuardHomeReader.read("a.yaml", "user_rules:\n  - '||ads.example^'\n", null);
        Blocklists b = new Blocklists(s.filters(), 10);
        assertEquals("0.0.0.0", ask(b, "ads.example.", "10.0.0.1").answers().get(0).rdataToString());
        assertTrue(s.upstreams().isEmpty(), "no upstream_dns: the box's own forwarding settings stay");
    }

    @Test
    void badFilesAreRefusedNamingTheField(@TempDir Path dir) {
        refused("AdGuardHome.yaml: not YAML", "dns: [", dir);
        refused("AdGuardHome.yaml: dns: expected a mapping", "dns: 5", dir);
        refused("AdGuardHome.yaml: filtering.rewrites[0]: answer: empty",
                "filtering:\n  rewrites:\n    - domain: a.example\n", dir);
        refused("AdGuardHome.yaml: filtering.rewrites[0].enabled: 'yes please' is not true or false",
                "filtering:\n  rewrites:\n    - {domain: a.example, answer: 1.2.3.4, enabled: yes please}\n", dir);
        refused("AdGuardHome.yaml: dns.upstream_dns[0]: '[/a.example]1.1.1.1': expected [/domain/]upstream",
                "dns:\n  upstream_dns: ['[/a.example]1.1.1.1']\n", dir);
        refused("AdGuardHome.yaml: filtering.blocking_mode: 'custom_ip' is not supported",
                "filtering:\n  blocking_mode: custom_ip\n", dir);
        refused("AdGuardHome.yaml: filters[0].url: " + dir.resolve("nope.txt") + ": cannot be read",
                "filters:\n  - {enabled: true, url: nope.txt}\n", dir);
    }

    private static void refused(String expected, String yaml, Path dir) {
        Exception e = assertThrows(Exception.class, () -> AdGuardHomeReader.read("AdGuardHome.yaml", yaml, dir));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
