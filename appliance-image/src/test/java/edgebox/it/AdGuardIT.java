package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box driven by an {@code AdGuardHome.yaml} dropped into etc/ as AdGuard Home 0.107 writes it: rewrites, a
 * default and a {@code [/corp.test/]} upstream (two small resolvers of the test on 127.0.0.2 and 127.0.0.3, each
 * answering with its own address), a local filter and allowlist, and user rules with {@code @@}, {@code $important},
 * {@code $client} and {@code $dnsrewrite}; asked by dig on loopback. Then the file is edited (seen within the watch
 * interval) and broken (refused, the last good setup keeps serving); those two tests run last, in that order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdGuardIT {

    static final Duration WITHIN = Duration.ofSeconds(20);
    /** The component checks the file every 2 s by default; a change must show well within this. */
    static final Duration RELOAD_WITHIN = Duration.ofSeconds(10);
    static final String DEFAULT_ANSWER = "192.0.2.1";
    static final String CORP_ANSWER = "192.0.2.2";
    static final String BLOCKED = "0.0.0.0";

    static final String USER_RULES = """
              - '! rules typed in the web interface'
              - '||ads.test^'
              - '@@||good.ads.test^'
              - '||evil.test^$important'
              - '@@||evil.test^'
              - '||kid.test^$client=127.0.0.7'
              - '||rewrite.test^$dnsrewrite=NOERROR;A;10.9.8.7'
            """;

    @TempDir
    static Path dir;
    static Box box;
    static int port;
    static OneAddressUpstream defaultUpstream;
    static OneAddressUpstream corpUpstream;
    static Path yaml;

    @BeforeAll
    static void start() throws Exception {
        requireDig();
        defaultUpstream = OneAddressUpstream.start("127.0.0.2", DEFAULT_ANSWER);
        corpUpstream = OneAddressUpstream.start("127.0.0.3", CORP_ANSWER);
        box = Box.create(dir, "AdGuardIT");
        port = Box.freePort();
        box.writeCfg("edgebox.features", "boot = core,proxy,dns\n");
        box.writeCfg("edgebox.dns", "addresses = 127.0.0.1\nport = " + port + "\nrecursionNetworks = 127.0.0.0/8\n");
        Path lists = Files.createDirectories(dir.resolve("adguard"));
        Files.writeString(lists.resolve("blocklist.txt"), """
                ! Title: the household's own list
                ||tracker.test^
                0.0.0.0 hosts.test
                """);
        Files.writeString(lists.resolve("allowlist.txt"), """
                ! Title: never block these
                ||ok.tracker.test^
                """);
        yaml = box.home.resolve("etc/AdGuardHome.yaml");
        writeYaml(adGuardHomeYaml(USER_RULES, "'[/corp.test/]" + corpUpstream.hostPort() + "'"));
        box.start().awaitReady();
        // the features install after "ready": wait until the file's rewrite answers
        Tools.Result up = Tools.until(WITHIN, r -> r.out().trim().equals("192.0.2.50"),
                () -> dig("+short", "nas.home.test", "A"));
        assertEquals("192.0.2.50", up.out().trim(), "the AdGuardHome.yaml is read: " + up + "\n" + box.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        if (defaultUpstream != null) {
            defaultUpstream.close();
        }
        if (corpUpstream != null) {
            corpUpstream.close();
        }
    }

    /** dig is the real peer here: without it the test fails instead of passing unasked. */
    static void requireDig() throws InterruptedException {
        try {
            Tools.Result v = Tools.run(Duration.ofSeconds(10), null, "dig", "-v");
            if (v.exit() != 0) {
                fail("dig -v failed (apt-get install bind9-dnsutils): " + v);
            }
        } catch (IOException e) {
            fail("dig is missing: apt-get install bind9-dnsutils (" + e.getMessage() + ")");
        }
    }

    /**
     * The file as AdGuard Home 0.107 writes it (schema 28), with the test's upstreams and list files; fields the box
     * does not use (http, users, querylog, dhcp...) are there as they would be.
     */
    static String adGuardHomeYaml(String userRules, String corpLine) {
        return """
                http:
                  pprof:
                    port: 6060
                    enabled: false
                  address: 127.0.0.1:3000
                  session_ttl: 720h
                users:
                  - name: admin
                    password: $2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy
                auth_attempts: 5
                block_auth_min: 15
                http_proxy: ""
                language: ""
                theme: auto
                dns:
                  bind_hosts:
                    - 127.0.0.1
                  port: 53
                  anonymize_client_ip: false
                  ratelimit: 20
                  ratelimit_subnet_len_ipv4: 24
                  ratelimit_subnet_len_ipv6: 56
                  ratelimit_whitelist: []
                  refuse_any: true
                  upstream_dns:
                    - %s
                    - %s
                  upstream_dns_file: ""
                  bootstrap_dns:
                    - 127.0.0.2
                  fallback_dns:
                    - %s
                  upstream_mode: load_balance
                  fastest_timeout: 1s
                  allowed_clients: []
                  disallowed_clients: []
                  blocked_hosts:
                    - version.bind
                    - id.server
                    - hostname.bind
                  trusted_proxies:
                    - 127.0.0.0/8
                    - ::1/128
                  cache_size: 4194304
                  cache_ttl_min: 0
                  cache_ttl_max: 0
                  cache_optimistic: false
                  bogus_nxdomain: []
                  aaaa_disabled: false
                  enable_dnssec: false
                  edns_client_subnet:
                    custom_ip: ""
                    enabled: false
                    use_custom: false
                  max_goroutines: 300
                  handle_ddr: true
                  ipset: []
                  ipset_file: ""
                  bootstrap_prefer_ipv6: false
                  upstream_timeout: 10s
                  private_networks: []
                  use_private_ptr_resolvers: false
                  local_ptr_upstreams: []
                  use_dns64: false
                  dns64_prefixes: []
                  serve_http3: false
                  use_http3_upstreams: false
                  serve_plain_dns: true
                  hostsfile_enabled: true
                tls:
                  enabled: false
                  server_name: ""
                  force_https: false
                  port_https: 443
                  port_dns_over_tls: 853
                  port_dns_over_quic: 853
                  port_dnscrypt: 0
                  dnscrypt_config_file: ""
                  allow_unencrypted_doh: false
                  certificate_chain: ""
                  private_key: ""
                  certificate_path: ""
                  private_key_path: ""
                  strict_sni_check: false
                querylog:
                  dir_path: ""
                  ignored: []
                  interval: 2160h
                  size_memory: 1000
                  enabled: true
                  file_enabled: true
                statistics:
                  dir_path: ""
                  ignored: []
                  interval: 24h
                  enabled: true
                filters:
                  - enabled: true
                    url: %s
                    name: household list
                    id: 1700000001
                  - enabled: false
                    url: https://adguardteam.github.io/HostlistsRegistry/assets/filter_1.txt
                    name: AdGuard DNS filter
                    id: 1
                whitelist_filters:
                  - enabled: true
                    url: %s
                    name: never block
                    id: 1700000002
                user_rules:
                %sdhcp:
                  enabled: false
                  interface_name: ""
                  local_domain_name: lan
                filtering:
                  blocking_ipv4: ""
                  blocking_ipv6: ""
                  blocked_services:
                    schedule:
                      time_zone: Local
                    ids: []
                  protection_disabled_until: null
                  safe_search:
                    enabled: false
                    bing: true
                    duckduckgo: true
                    google: true
                    pixabay: true
                    yandex: true
                    youtube: true
                  blocking_mode: default
                  parental_block_host: family-block.dns.adguard.com
                  safebrowsing_block_host: standard-block.dns.adguard.com
                  rewrites:
                    - domain: nas.home.test
                      answer: 192.0.2.50
                    - domain: '*.apps.home.test'
                      answer: 192.0.2.51
                  safebrowsing_cache_size: 1048576
                  safesearch_cache_size: 1048576
                  parental_cache_size: 1048576
                  cache_time: 30
                  filters_update_interval: 24
                  blocked_response_ttl: 10
                  filtering_enabled: true
                  parental_enabled: false
                  safebrowsing_enabled: false
                  protection_enabled: true
                clients:
                  runtime_sources:
                    whois: true
                    arp: true
                    rdns: true
                    dhcp: true
                    hosts: true
                  persistent: []
                log:
                  enabled: true
                  file: ""
                  max_backups: 0
                  max_size: 100
                  max_age: 3
                  compress: false
                  local_time: false
                  verbose: false
                os:
                  group: ""
                  user: ""
                  rlimit_nofile: 0
                schema_version: 28
                """.formatted(defaultUpstream.hostPort(), corpLine, corpUpstream.hostPort(),
                dir.resolve("adguard/blocklist.txt"), dir.resolve("adguard/allowlist.txt"), userRules);
    }

    /** Replaces the file atomically (written beside etc/, then moved), as an editor that saves safely would. */
    static void writeYaml(String text) throws IOException {
        Path staging = Files.createDirectories(box.home.resolve("etc-staging")).resolve("AdGuardHome.yaml");
        Files.writeString(staging, text);
        Files.move(staging, yaml, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Tools.Result dig(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "+time=2",
                "+tries=1"));
        cmd.addAll(List.of(args));
        return Tools.run(Duration.ofSeconds(10), null, cmd.toArray(String[]::new));
    }

    /** The addresses of the A answer, as {@code dig +short} prints them (one a line), after checking NOERROR. */
    static String a(String name, String... from) throws Exception {
        List<String> args = new ArrayList<>(List.of(from));
        args.addAll(List.of(name, "A"));
        Tools.Result r = dig(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("status: NOERROR"), name + ": " + r.out());
        args.addFirst("+short");
        return dig(args.toArray(String[]::new)).out().strip();
    }

    @Test
    void rewritesAnswerFromTheFile() throws Exception {
        assertEquals("192.0.2.50", a("nas.home.test"));
        assertEquals("192.0.2.51", a("grafana.apps.home.test"));
    }

    @Test
    void userRulesAndTheFilterListBlockWithTheNullAddress() throws Exception {
        assertEquals(BLOCKED, a("ads.test"));
        assertEquals(BLOCKED, a("x.ads.test"));
        assertEquals(BLOCKED, a("cdn.tracker.test"));
        assertEquals(BLOCKED, a("hosts.test"));
    }

    @Test
    void exceptionsAndTheAllowlistLetNamesThroughToTheUpstream() throws Exception {
        assertEquals(DEFAULT_ANSWER, a("good.ads.test"));
        assertEquals(DEFAULT_ANSWER, a("ok.tracker.test"));
    }

    @Test
    void importantBlockWinsOverTheException() throws Exception {
        assertEquals(BLOCKED, a("evil.test"));
        assertEquals(BLOCKED, a("www.evil.test"));
    }

    @Test
    void clientRuleBlocksOnlyThatClient() throws Exception {
        assertEquals(BLOCKED, a("kid.test", "-b", "127.0.0.7"));
        assertEquals(DEFAULT_ANSWER, a("kid.test", "-b", "127.0.0.1"));
        assertEquals(DEFAULT_ANSWER, a("kid.test"));
    }

    @Test
    void dnsrewriteRuleAnswersItsAddress() throws Exception {
        assertEquals("10.9.8.7", a("rewrite.test"));
    }

    @Test
    void corpNamesGoToTheCorpUpstreamAndOthersToTheDefault() throws Exception {
        assertEquals(CORP_ANSWER, a("wiki.corp.test"));
        assertTrue(corpUpstream.asked().contains("wiki.corp.test"), "corp asked: " + corpUpstream.asked());
        assertFalse(defaultUpstream.asked().contains("wiki.corp.test"), "default asked: " + defaultUpstream.asked());
        assertEquals(DEFAULT_ANSWER, a("www.elsewhere.test"));
        assertTrue(defaultUpstream.asked().contains("www.elsewhere.test"), "default: " + defaultUpstream.asked());
    }

    @Test
    @Order(Order.DEFAULT + 1)
    void anAddedUserRuleIsSeenWithinTheWatchInterval() throws Exception {
        assertEquals(DEFAULT_ANSWER, a("late.test"));
        writeYaml(adGuardHomeYaml(USER_RULES + "  - '||late.test^'\n", "'[/corp.test/]" + corpUpstream.hostPort()
                + "'"));
        Tools.await(RELOAD_WITHIN, () -> "late.test blocked after the rule was added\n" + box.output(),
                (String answer) -> answer.equals(BLOCKED), () -> a("late.test"));
    }

    @Test
    @Order(Order.DEFAULT + 2)
    void aBrokenEditIsRefusedAndTheLastGoodSetupKeepsServing() throws Exception {
        writeYaml(adGuardHomeYaml(USER_RULES + "  - '||late.test^'\n  - '||later.test^'\n",
                "'[/corp.test/" + corpUpstream.hostPort() + "'"));
        String refused = box.awaitLine("dns.upstream_dns[1]", RELOAD_WITHIN);
        assertTrue(refused.contains("AdGuardHome.yaml") && refused.contains("expected [/domain/]upstream"), refused);
        assertEquals(DEFAULT_ANSWER, a("later.test"), "the refused file's new rule is not applied");
        assertEquals(BLOCKED, a("late.test"), "the last good file's rules still apply");
        assertEquals(CORP_ANSWER, a("mail.corp.test"), "the last good upstreams still apply");
        assertEquals("192.0.2.50", a("nas.home.test"));
        long reads = box.output().lines().filter(l -> l.contains("edgebox.dns.adguard: ")
                && l.contains(" filter rules, ")).count();
        assertEquals(2, reads, "the file and its lists are read once at start and once for the good edit:\n"
                + box.output());
    }
}
