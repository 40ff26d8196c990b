package edgebox.dns;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.net.ListenerHub;
import edgebox.api.net.Transport;
import edgebox.api.route.RouteTable;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Responder;
import edgebox.dns.block.Blocklists;
import edgebox.dns.cache.CacheView;
import edgebox.dns.gateway.GatewayAnswers;
import edgebox.dns.ops.DnsMetrics;
import edgebox.dns.ops.Observer;
import edgebox.dns.ops.QueryLog;
import edgebox.dns.rewrite.Rewrites;
import edgebox.dns.server.DnsServer;
import edgebox.dns.server.QueryProcessor;
import edgebox.dns.server.RateLimiter;
import edgebox.dns.zone.Zones;

/**
 * The DNS server's wiring: binds UDP and TCP on the box's transport and answers through a {@link Chain} it rebuilds
 * (and swaps whole) whenever the sources in the store, the proxy's route table or the forwarder change. Reports
 * itself as the health check {@code dns}. A configuration change rebinds it in place; the store (ACME records)
 * and the forwarder (cache) live on.
 */
@Component(immediate = true, configurationPid = Settings.PID, service = {HealthCheck.class, DnsView.class})
@Designate(ocd = DnsConfig.class)
public final class DnsComponent implements HealthCheck, DnsView {

    private static final Logger LOG = System.getLogger(Settings.PID);

    private final Transport transport;
    private final ListenerHub hub;
    private final SourceStore store;
    private final DnsMetrics metrics;
    private final AutoCloseable subscription;
    private volatile Settings settings;
    private volatile DnsServer server;
    private volatile String bindError;
    private volatile RouteTable routes;
    private volatile ForwardComponent forwarder;
    private volatile Chain chain;
    private volatile Sources sources;
    private long version;

    @Activate
    public DnsComponent(DnsConfig config, @Reference Transport transport, @Reference ListenerHub hub,
            @Reference MetricsRegistry metrics, @Reference SourceStore store) {
        this.transport = transport;
        this.hub = hub;
        this.settings = Settings.from(config, Settings.localNetworks());
        this.store = store;
        this.metrics = new DnsMetrics(metrics);
        rebuild();
        subscription = store.subscribe(this::rebuild);
        serve();
    }

    /**
     * A new configuration: the listener is bound again with it, in place. The component stays registered, so
     * what uses it (the console, readiness) sees no gap; the store (ACME records) and the forwarder live on.
     */
    @Modified
    synchronized void modified(DnsConfig config) {
        settings = Settings.from(config, Settings.localNetworks());
        stopServing();
        rebuild();
        serve();
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        stopServing();
    }

    private void serve() {
        Settings now = settings;
        RateLimiter rrl = new RateLimiter(now.rrl(), now.rrlSlip(),
                now.rrlExemptRecursion() ? now.recursion()::contains : a -> false);
        QueryProcessor processor = new QueryProcessor(new Responder(() -> chain, now.udpPayload()), rrl,
                new Observer(this.metrics, new QueryLog(now.queryLog(), now.sampling()),
                        this::cacheHitRatio), now.maxQueryBytes());
        try {
            DnsServer bound = DnsServer.bind(transport, hub, now.address(), now.port(), processor,
                    now.tcpIdleSeconds(), now.maxQueryBytes());
            server = bound;
            bindError = null;
            LOG.log(Level.INFO, "edgebox.dns: serving udp and tcp on " + now.address() + ":"
                    + bound.udpAddress().getPort() + " (" + transport.name() + "), recursion for "
                    + now.recursion());
        } catch (IllegalStateException e) {
            server = null;
            bindError = e.getMessage();
            LOG.log(Level.ERROR, bindError);
        }
    }

    private void stopServing() {
        DnsServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    private synchronized void rebuild() {
        RouteTable rt = routes;
        Sources s = new Sources(store.acme(), new Zones(store.zones()),
                new GatewayAnswers(rt == null ? List.of() : rt.hostnames(), settings.gatewayDomains(),
                        settings.gatewayTtl(), version + 1),
                new Rewrites(store.rewrites(), settings.localTtl()),
                new Blocklists(store.blocklists(), settings.localTtl()));
        sources = s;
        chain = new Chain(s.inOrder(), settings.recursion(), forwarder, ++version);
        metrics.chainVersion(version);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedRoutes", unbind = "unsetRoutes")
    void setRoutes(RouteTable table) {
        routes = table;
        rebuild();
    }

    void updatedRoutes(RouteTable table) {
        routes = table;
        rebuild();
    }

    void unsetRoutes(RouteTable table) {
        if (routes == table) {
            routes = null;
            rebuild();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetForwarder")
    void setForwarder(ForwardComponent f) {
        forwarder = f;
        rebuild();
    }

    void unsetForwarder(ForwardComponent f) {
        if (forwarder == f) {
            forwarder = null;
            rebuild();
        }
    }

    private double cacheHitRatio() {
        ForwardComponent f = forwarder;
        return f == null ? 0 : f.cache().hitRatio();
    }

    @Override
    public Chain chain() {
        return chain;
    }

    @Override
    public Sources sources() {
        return sources;
    }

    @Override
    public CacheView cache() {
        ForwardComponent f = forwarder;
        return f == null ? null : f.cache();
    }

    @Override
    public Map<String, String> problems() {
        return store.problems();
    }

    @Override
    public String listening() {
        return server == null ? "not listening: " + bindError
                : "udp " + server.udpAddress() + ", tcp " + server.tcpAddress();
    }

    @Override
    public String function() {
        return "dns";
    }

    @Override
    public Health health() {
        if (server == null) {
            String error = bindError;
            // no server and no error: between the two halves of a rebind for a new configuration
            return error == null ? Health.up("binding " + settings.address() + ":" + settings.port())
                    : Health.down("not listening on " + settings.address() + ":" + settings.port(), error);
        }
        Sources s = sources;
        String detail = listening() + "; " + s.zones().zones().size() + " zones, " + s.gateway().size()
                + " route hostnames, " + s.rewrites().rules().size() + " rewrites, " + s.blocklists().size()
                + " blocked names; " + (forwarder == null ? "no forwarder" : "forwarding");
        Map<String, String> problems = store.problems();
        return problems.isEmpty() ? Health.up(detail)
                : Health.degraded(detail, problems.size() + " configurations refused: " + problems);
    }
}
