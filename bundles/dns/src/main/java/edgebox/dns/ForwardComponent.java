package edgebox.dns;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.xbill.DNS.Message;

import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.net.Transport;
import edgebox.dns.answer.Upstream;
import edgebox.dns.cache.CacheView;
import edgebox.dns.forward.ForwardSettings;
import edgebox.dns.forward.Forwarder;
import edgebox.dns.ops.UpstreamMetrics;

/**
 * The forwarder and its cache under PID {@value #PID}: Config Admin's properties become {@link ForwardSettings},
 * which checks them. The server component binds this service as the last link of its chain, so a change of the
 * forwarding settings does not restart the listeners, and a restart of the listeners keeps the cache.
 */
@Component(service = ForwardComponent.class, configurationPid = ForwardComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ForwardComponent.Config.class)
public class ForwardComponent implements Upstream {

    static final String PID = "edgebox.dns.forward";

    @ObjectClassDefinition(name = "edgebox DNS forwarding", description = "Upstream resolvers and the answer cache")
    public @interface Config {

        @AttributeDefinition(description = "Default upstreams: 127.0.0.1:53, tls://1.1.1.1:853#cloudflare-dns.com",
                required = false)
        String[] upstreams() default {};

        @AttributeDefinition(description = "Per-domain upstreams (split DNS): ragas.cc=172.16.1.60:53",
                required = false)
        String[] domainUpstreams() default {};

        @AttributeDefinition(description = "Milliseconds to wait for one upstream before trying the next")
        int timeoutMillis() default 1500;

        @AttributeDefinition(description = "Lowest TTL kept in the cache, seconds")
        int minTtl() default 0;

        @AttributeDefinition(description = "Highest TTL kept in the cache, seconds")
        int maxTtl() default 86400;

        @AttributeDefinition(description = "Highest TTL of cached negative answers (RFC 2308), seconds")
        int negativeTtlMax() default 3600;

        @AttributeDefinition(description = "Most cached answers")
        int cacheSize() default 10000;

        @AttributeDefinition(description = "Refresh popular names before they expire")
        boolean prefetch() default true;

        @AttributeDefinition(description = "Serve expired answers when upstreams fail (RFC 8767)")
        boolean serveStale() default true;

        @AttributeDefinition(description = "How long expired answers are kept for serve-stale, seconds")
        int staleTtl() default 86400;

        @AttributeDefinition(description = "TTL of a stale answer, seconds (RFC 8767 suggests 30)")
        int staleAnswerTtl() default 30;

        @AttributeDefinition(description = "Milliseconds a client waits for upstreams before getting a stale answer")
        int clientTimeoutMillis() default 1800;

        @AttributeDefinition(description = "PEM file of trust anchors for DoT upstreams; empty: the JDK's",
                required = false)
        String tlsTrust() default "";
    }

    private final Transport transport;
    private final UpstreamMetrics upstreams;
    private final SourceStore store;
    private final AutoCloseable subscription;
    private Map<String, Object> properties;
    private Map<String, List<String>> adguard;
    private volatile Forwarder forwarder;
    private volatile long generation;

    @Activate
    public ForwardComponent(@Reference Transport transport, @Reference MetricsRegistry metrics,
            @Reference SourceStore store, Map<String, Object> properties) {
        this.transport = transport;
        this.upstreams = new UpstreamMetrics(metrics);
        this.store = store;
        this.properties = properties;
        this.adguard = store.adguardForwarding();
        forwarder = create();
        subscription = store.subscribe(this::adguardChanged);
    }

    /** New upstreams or cache settings: a new forwarder (and cache) in place; the old one's queries finish. */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        this.properties = properties;
        replace();
    }

    /** An AdGuardHome.yaml's upstreams changed: the same as a change of this configuration. */
    private synchronized void adguardChanged() {
        Map<String, List<String>> next = store.adguardForwarding();
        if (!next.equals(adguard)) {
            adguard = next;
            replace();
        }
    }

    private void replace() {
        Forwarder old = forwarder;
        generation++;
        forwarder = create();
        old.close();
    }

    /**
     * The settings from this configuration, with an AdGuardHome.yaml's upstreams in place of {@code upstreams} and
     * its per-domain upstreams after {@code domainUpstreams}.
     */
    private Forwarder create() {
        Map<String, Object> merged = new HashMap<>(properties);
        if (!adguard.isEmpty()) {
            if (!adguard.get("upstreams").isEmpty()) {
                merged.put("upstreams", adguard.get("upstreams").toArray(String[]::new));
            }
            List<String> split = new ArrayList<>(domainUpstreams(properties.get("domainUpstreams")));
            split.addAll(adguard.get("domainUpstreams"));
            merged.put("domainUpstreams", split.toArray(String[]::new));
        }
        ForwardSettings settings;
        try {
            settings = ForwardSettings.from(merged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + e.getMessage(), e);
        }
        return new Forwarder(settings, transport.group(), transport.datagramChannel(), transport.socketChannel(),
                Clock.systemUTC(), upstreams);
    }

    /** The forwarder's generation (a new cache) and its cache's flushes. */
    @Override
    public long epoch() {
        return (generation << 32) + forwarder.epoch();
    }

    @Override
    public CompletableFuture<Message> forward(Message query) {
        return forwarder.forward(query);
    }

    CacheView cache() {
        return forwarder.cache();
    }

    /** The totals of each upstream asked since activation (they outlive changes of the settings). */
    UpstreamMetrics upstreams() {
        return upstreams;
    }

    ForwardSettings settings() {
        return forwarder.settings();
    }

    /** Every upstream of the settings in force, in order, with what it serves: "default" and/or its domains. */
    Map<edgebox.dns.forward.Upstream, String> configured() {
        ForwardSettings s = forwarder.settings();
        Map<edgebox.dns.forward.Upstream, String> out = new LinkedHashMap<>();
        s.upstreams().forEach(u -> out.merge(u, "default", (a, b) -> a + " " + b));
        new TreeMap<>(s.domainUpstreams()).forEach((domain, ups) -> ups.forEach(u -> out.merge(u,
                domain.toString(true), (a, b) -> a + " " + b)));
        return out;
    }

    private static List<String> domainUpstreams(Object value) {
        return switch (value) {
            case null -> List.of();
            case String s -> List.of(s.split("[;\\n]"));
            case String[] a -> List.of(a);
            case java.util.Collection<?> c -> c.stream().map(String::valueOf).toList();
            default -> List.of(value.toString());
        };
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        forwarder.close();
    }
}
