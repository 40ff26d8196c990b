package edgebox.dns;

import java.time.Clock;
import java.util.Map;
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
    private volatile Forwarder forwarder;

    @Activate
    public ForwardComponent(@Reference Transport transport, @Reference MetricsRegistry metrics,
            Map<String, Object> properties) {
        this.transport = transport;
        this.upstreams = new UpstreamMetrics(metrics);
        forwarder = create(properties);
    }

    /** New upstreams or cache settings: a new forwarder (and cache) in place; the old one's queries finish. */
    @Modified
    void modified(Map<String, Object> properties) {
        Forwarder old = forwarder;
        forwarder = create(properties);
        old.close();
    }

    private Forwarder create(Map<String, Object> properties) {
        ForwardSettings settings;
        try {
            settings = ForwardSettings.from(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + e.getMessage(), e);
        }
        return new Forwarder(settings, transport.group(), transport.datagramChannel(), transport.socketChannel(),
                Clock.systemUTC(), upstreams);
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

    @Deactivate
    void deactivate() {
        forwarder.close();
    }
}
