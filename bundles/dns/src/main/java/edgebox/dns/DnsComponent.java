package edgebox.dns;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
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
import edgebox.api.net.Cidr;
import edgebox.api.net.ListenerHub;
import edgebox.api.net.Transport;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.route.RouteTable;
import edgebox.dns.answer.Chain;
import edgebox.dns.answer.Networks;
import edgebox.dns.answer.QueryPolicy;
import edgebox.dns.answer.Responder;
import edgebox.dns.cache.CacheView;
import edgebox.dns.ops.DnsMetrics;
import edgebox.dns.ops.Observer;
import edgebox.dns.ops.QueryLog;
import edgebox.dns.ops.UpstreamMetrics;
import edgebox.dns.server.DnsServer;
import edgebox.dns.server.QueryProcessor;
import edgebox.dns.server.RateLimiter;

/**
 * The DNS server's wiring: binds UDP and TCP on each configured address on the box's transport and answers through a {@link Chain} that
 * {@link ChainBuilder} rebuilds whenever the sources in the store, the proxy's route table or the forwarder change;
 * the component swaps it whole. Each question is first put to the network policy's decision point when one is
 * registered ({@link QueryPolicy}). Reports itself as the health check {@code dns} ({@link DnsHealth}). A
 * configuration change rebinds it in place; the store (ACME records) and the forwarder (cache) live on.
 */
@Component(immediate = true, configurationPid = Settings.PID, service = {HealthCheck.class, DnsView.class})
@Designate(ocd = DnsConfig.class)
public final class DnsComponent implements HealthCheck, DnsView {

    private static final Logger LOG = System.getLogger(Settings.PID);

    private final Transport transport;
    private final ListenerHub hub;
    private final SourceStore store;
    private final DnsMetrics metrics;
    private final ChainBuilder chains;
    private final AutoCloseable subscription;
    private volatile Settings settings;
    private volatile Listeners listeners;
    private volatile RouteTable routes;
    private volatile ForwardComponent forwarder;
    private volatile ChainBuilder.Built built;
    private volatile PolicyDecisionPoint policy;

    @Activate
    public DnsComponent(DnsConfig config, @Reference Transport transport, @Reference ListenerHub hub,
            @Reference MetricsRegistry metrics, @Reference SourceStore store) {
        this.transport = transport;
        this.hub = hub;
        this.settings = Settings.from(config, Settings.localNetworks());
        this.store = store;
        this.metrics = new DnsMetrics(metrics);
        this.chains = new ChainBuilder(store);
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
                now.rrlExemptRecursion() ? a -> Cidr.anyContains(now.recursion(), a) : a -> false);
        Responder responder = new Responder(() -> built.chain(), now.udpPayload(), new QueryPolicy(() -> policy));
        QueryProcessor processor = new QueryProcessor(responder, rrl,
                new Observer(this.metrics, new QueryLog(now.queryLog(), now.sampling()),
                        this::cacheHitRatio), now.maxQueryBytes());
        List<Binding> bindings = new ArrayList<>();
        for (String address : now.addresses()) {
            bindings.add(bind(now, address, processor));
        }
        listeners = new Listeners(bindings);
    }

    private Binding bind(Settings now, String address, QueryProcessor processor) {
        String endpoint = address + ":" + now.port();
        try {
            DnsServer bound = DnsServer.bind(transport, hub, address, now.port(), processor, now.tcpIdleSeconds(),
                    now.maxQueryBytes());
            LOG.log(Level.INFO, "edgebox.dns: serving udp and tcp on " + address + ":" + bound.udpAddress().getPort()
                    + " (" + transport.name() + "), recursion for " + Networks.text(now.recursion()));
            return Binding.bound(endpoint, bound);
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return Binding.refused(endpoint, e.getMessage());
        }
    }

    private void stopServing() {
        Listeners old = listeners;
        listeners = new Listeners(settings.addresses().stream()
                .map(a -> Binding.rebinding(a + ":" + settings.port())).toList());
        if (old != null) {
            old.close();
        }
    }

    private synchronized void rebuild() {
        ChainBuilder.Built next = chains.build(settings, routes, forwarder);
        built = next;
        metrics.chainVersion(next.chain().version());
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

    @Reference(name = "policy", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetPolicy")
    void setPolicy(PolicyDecisionPoint pdp) {
        policy = pdp;
    }

    void unsetPolicy(PolicyDecisionPoint pdp) {
        if (policy == pdp) {
            policy = null;
        }
    }

    private double cacheHitRatio() {
        ForwardComponent f = forwarder;
        return f == null ? 0 : f.cache().hitRatio();
    }

    @Override
    public Chain chain() {
        return built.chain();
    }

    @Override
    public Sources sources() {
        return built.sources();
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
    public List<String> notes() {
        return store.notes();
    }

    @Override
    public List<UpstreamMetrics.Row> upstreams() {
        ForwardComponent f = forwarder;
        return f == null ? List.of() : f.upstreams().rows(f.configured());
    }

    @Override
    public String listening() {
        return listeners.text();
    }

    @Override
    public String function() {
        return "dns";
    }

    @Override
    public Health health() {
        return DnsHealth.of(listeners, built.sources(), forwarder != null, store.problems());
    }
}
