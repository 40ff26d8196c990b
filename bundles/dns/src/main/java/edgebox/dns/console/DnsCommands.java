package edgebox.dns.console;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import edgebox.api.route.RouteHostname;
import edgebox.dns.DnsView;
import edgebox.dns.answer.Answer;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.Query;
import edgebox.dns.block.Blocklists;
import edgebox.dns.block.FilterList;
import edgebox.dns.cache.CacheView;
import edgebox.dns.ops.UpstreamMetrics;
import edgebox.dns.rewrite.RewriteRule;
import edgebox.dns.zone.ZoneIndex;

/**
 * {@code dns:query NAME [TYPE]} (which source answers and why, asked as 127.0.0.1), {@code dns:records} (zones,
 * route hostnames, ACME records), {@code dns:rewrites}, {@code dns:cache [flush NAME|all]}, {@code dns:status},
 * {@code dns:upstreams} (every configured upstream with what it serves, queries, failures by kind and mean reply
 * time), {@code dns:blocklists} (the filter lists, their refused lines and what an AdGuardHome.yaml's reader
 * skipped, each bounded).
 * Only formats what the running component holds; only the flush changes anything.
 */
@Component(service = DnsCommands.class, property = {"osgi.command.scope=dns", "osgi.command.function=query",
        "osgi.command.function=records", "osgi.command.function=rewrites", "osgi.command.function=cache",
        "osgi.command.function=status", "osgi.command.function=upstreams", "osgi.command.function=blocklists"})
public class DnsCommands {

    private final DnsView dns;

    @org.osgi.service.component.annotations.Activate
    public DnsCommands(@Reference DnsView dns) {
        this.dns = dns;
    }

    public String upstreams() {
        List<UpstreamMetrics.Row> rows = dns.upstreams();
        StringBuilder b = new StringBuilder(String.format("%-36s %-20s %10s %10s %12s  %s%n", "UPSTREAM", "FOR",
                "QUERIES", "REPLIES", "MEAN MS", "FAILURES"));
        long asked = 0;
        for (UpstreamMetrics.Row r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "%-36s %-20s %10d %10d %12.2f  %s%n", r.upstream(),
                    r.serves(), r.queries(), r.replies(), r.meanSeconds() * 1000,
                    r.failures().isEmpty() ? "-" : r.failures()));
            asked += r.queries() > 0 ? 1 : 0;
        }
        b.append(rows.size()).append(" upstreams, ").append(asked).append(" asked\n");
        List<String> skipped = dns.notes().stream().filter(n -> n.contains(": dns.upstream_dns[")
                || n.contains(": dns.fallback_dns[")).toList();
        return bounded(b, "upstreams skipped from AdGuardHome.yaml", skipped, skipped.size()).toString();
    }

    /**
     * Every filter list with its rule counts, then the lines refused (list:line, the rule and why) and what the
     * AdGuardHome.yaml reader skipped, each the first {@value #SHOWN} and how many more.
     */
    public String blocklists() {
        Blocklists lists = dns.sources().blocklists();
        StringBuilder b = new StringBuilder(String.format("%-40s %-9s %10s %10s %8s%n", "LIST", "MODE", "RULES",
                "EXCEPTIONS", "REFUSED"));
        List<String> refused = new ArrayList<>();
        for (FilterList f : lists.lists()) {
            b.append(String.format("%-40s %-9s %10d %10d %8d%n", f.list(), f.mode().name().toLowerCase(
                    java.util.Locale.ROOT), f.size() - f.exceptions(), f.exceptions(), f.unsupported()));
            refused.addAll(f.refusals().subList(0, Math.min(SHOWN, f.refusals().size())));
        }
        b.append(lists.lists().size()).append(" lists, ").append(lists.size()).append(" rules, ")
                .append(lists.allowed()).append(" exceptions, ").append(lists.unsupported())
                .append(" lines refused\n");
        bounded(b, "refused lines", refused, lists.unsupported());
        return bounded(b, "skipped from AdGuardHome.yaml", dns.notes(), dns.notes().size()).toString();
    }

    static final int SHOWN = 20;

    /** A heading, the first {@value #SHOWN} of {@code lines}, and "N more" up to {@code total}; nothing when none. */
    private static StringBuilder bounded(StringBuilder b, String heading, List<String> lines, int total) {
        if (total == 0) {
            return b;
        }
        b.append(heading).append(":\n");
        lines.stream().limit(SHOWN).forEach(l -> b.append("  ").append(l).append('\n'));
        int shown = Math.min(SHOWN, lines.size());
        if (total > shown) {
            b.append("  ").append(total - shown).append(" more\n");
        }
        return b;
    }

    public String query(String name) throws Exception {
        return query(name, "A");
    }

    public String query(String name, String type) throws Exception {
        int t = Type.value(type.toUpperCase(java.util.Locale.ROOT));
        if (t < 0) {
            return "unknown type " + type;
        }
        Chain chain = dns.chain();
        InetAddress client = InetAddress.getLoopbackAddress();
        Query q = new Query(Name.fromString(name, Name.root), t, client, chain.recursionAllowed(client));
        Answer a = chain.resolve(q, null).get(5, TimeUnit.SECONDS);
        StringBuilder b = new StringBuilder();
        b.append(q.name()).append(' ').append(Type.string(t)).append(": ")
                .append(org.xbill.DNS.Rcode.string(a.rcode())).append(a.authoritative() ? " (authoritative)" : "")
                .append("\nsource: ").append(a.source()).append("\nreason: ").append(a.reason()).append('\n');
        a.answers().forEach(r -> b.append("answer:    ").append(r).append('\n'));
        a.authority().forEach(r -> b.append("authority: ").append(r).append('\n'));
        return b.toString();
    }

    public String records() {
        DnsView.Sources s = dns.sources();
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (ZoneIndex z : s.zones().zones()) {
            b.append("zone ").append(z.origin()).append(" (").append(z.object()).append(")\n");
            for (Record r : z.records()) {
                b.append("  ").append(r).append('\n');
                n++;
            }
        }
        b.append("route hostnames\n");
        for (RouteHostname h : s.gateway().hostnames()) {
            b.append(String.format("  %-40s %-30s %s (%s)%n", h.hostname(), h.addresses().stream()
                    .map(InetAddress::getHostAddress).toList(), h.gateway(), h.source()));
            n++;
        }
        b.append("ACME challenges\n");
        for (List<Record> rs : s.acme().records().values()) {
            for (Record r : rs) {
                b.append("  ").append(r).append('\n');
                n++;
            }
        }
        return b.append(n).append(" records\n").toString();
    }

    public String rewrites() {
        List<RewriteRule> rules = dns.sources().rewrites().rules();
        StringBuilder b = new StringBuilder(String.format("%-40s %-30s %-8s %-20s %s%n", "DOMAIN", "ANSWER",
                "ENABLED", "CLIENTS", "CONFIGURATION"));
        for (RewriteRule r : rules) {
            String[] parts = r.text().split(" -> ", 2);
            b.append(String.format("%-40s %-30s %-8s %-20s %s%n", parts[0], parts[1], r.enabled(),
                    r.clients().isEmpty() ? "all" : Networks.text(r.clients()), r.object()));
        }
        return b.append(rules.size()).append(" rewrites\n").toString();
    }

    public String cache() {
        CacheView c = dns.cache();
        if (c == null) {
            return "no forwarder runs, so there is no cache\n";
        }
        StringBuilder b = new StringBuilder(String.format("%d of %d entries, hit ratio %.3f (%d hits, %d misses), "
                + "%d stale answers, %d prefetches, %d evictions%n", c.size(), c.capacity(), c.hitRatio(), c.hits(),
                c.misses(), c.staleAnswers(), c.prefetches(), c.evictions()));
        b.append(String.format("%-40s %-6s %-8s %-8s %-6s %s%n", "NAME", "TYPE", "RCODE", "TTL", "STALE", "HITS"));
        for (CacheView.Entry e : c.entries(200)) {
            b.append(String.format("%-40s %-6s %-8s %-8d %-6s %d%n", e.name(), Type.string(e.type()),
                    org.xbill.DNS.Rcode.string(e.rcode()), e.ttlLeft(), e.stale(), e.hits()));
        }
        return b.toString();
    }

    public String cache(String action, String name) throws Exception {
        CacheView c = dns.cache();
        if (!action.equals("flush")) {
            return "usage: dns:cache [flush NAME|all]\n";
        }
        if (c == null) {
            return "no forwarder runs, so there is no cache\n";
        }
        int n = name.equals("all") ? c.flushAll() : c.flush(Name.fromString(name, Name.root));
        return "flushed " + n + " entries\n";
    }

    public String status() {
        StringBuilder b = new StringBuilder();
        b.append("listening: ").append(dns.listening()).append('\n');
        b.append("chain version: ").append(dns.chain().version()).append('\n');
        b.append("order: acme, zone, gateway, rewrite, block, forward (").append(dns.chain().forwards() ? "on"
                : "no forwarder").append(")\n");
        b.append("recursion networks: ").append(Networks.text(dns.chain().recursionNetworks())).append('\n');
        Map<String, String> problems = dns.problems();
        problems.forEach((pid, reason) -> b.append("refused ").append(pid).append(": ").append(reason).append('\n'));
        Blocklists lists = dns.sources().blocklists();
        b.append("blocklists: ").append(lists.lists().size()).append(" lists, ").append(lists.size())
                .append(" rules, ").append(lists.allowed()).append(" exceptions, ").append(lists.unsupported())
                .append(" lines refused (dns:blocklists)\n");
        List<String> notes = dns.notes();
        if (!notes.isEmpty()) {
            b.append("AdGuardHome.yaml: ").append(notes.size()).append(" entries skipped (dns:blocklists)\n");
        }
        return b.toString();
    }
}
