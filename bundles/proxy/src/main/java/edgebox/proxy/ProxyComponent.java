package edgebox.proxy;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import edgebox.api.acme.Http01Responder;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.net.ListenerHub;
import edgebox.api.net.Transport;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.tls.CertificateSource;
import edgebox.proxy.balance.ActiveHealthChecks;
import edgebox.proxy.balance.BalanceSettings;
import edgebox.proxy.balance.BalancerRegistry;
import edgebox.proxy.balance.EndpointStatus;
import edgebox.proxy.balance.EndpointStatusSource;
import edgebox.proxy.http.AccessLog;
import edgebox.proxy.http.AcmeTokens;
import edgebox.proxy.http.Connections;
import edgebox.proxy.http.DataPath;
import edgebox.proxy.http.Limits;
import edgebox.proxy.http.PortInitializer;
import edgebox.proxy.http.ProxyMetrics;
import edgebox.proxy.listen.Listeners;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;
import edgebox.proxy.tls.TlsSettings;
import edgebox.proxy.upstream.UpstreamPools;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The HTTP data plane's wiring: listens on every port of the latest snapshot through the {@link ListenerHub},
 * serves them with the {@link DataPath}, rebuilds the certificate index when a {@link CertificateSource} changes,
 * answers HTTP-01 challenges and reports its listeners as the health check {@code proxy}. Deactivation lets go of
 * the sockets (a successor takes them over) and drains the connections within the drain timeout.
 */
@Component(immediate = true, configurationPid = ProxyComponent.PID,
        service = {Http01Responder.class, HealthCheck.class, EndpointStatusSource.class})
@Designate(ocd = ProxyConfig.class)
public final class ProxyComponent implements Http01Responder, HealthCheck, EndpointStatusSource {

    static final String PID = "edgebox.proxy";
    private static final Logger LOG = System.getLogger(PID);

    private final Certificates certificates = new Certificates();
    private volatile PolicyDecisionPoint policy;

    private final Limits limits;
    private final AcmeTokens acme = new AcmeTokens();
    private final Connections connections;
    private final UpstreamPools pools;
    private final BalancerRegistry balancers;
    private final ActiveHealthChecks healthChecks;
    private final AccessLog accessLog;
    private final Listeners listeners;
    private final ProxyHealth health;
    private final ScheduledExecutorService binder;
    private final AutoCloseable subscription;

    @Activate
    public ProxyComponent(BundleContext context, ProxyConfig config, @Reference Transport transport, @Reference ListenerHub hub,
            @Reference SnapshotSource snapshots, @Reference MetricsRegistry metrics) {
        limits = ProxySettings.limits(config);
        ProxyMetrics proxyMetrics = new ProxyMetrics(metrics);
        connections = new Connections(limits.maxConnections(), proxyMetrics);
        pools = new UpstreamPools(transport.socketChannel(), limits.connectTimeoutMillis(),
                limits.maxIdlePerEndpoint(), ProxySettings.caps(config));
        BalanceSettings balance = ProxySettings.balance(config);
        balancers = new BalancerRegistry(balance, System::nanoTime, pools::load);
        healthChecks = new ActiveHealthChecks(balance.healthCheck(), transport.group(), transport.socketChannel(),
                balancers, pools.tlsContexts());
        accessLog = new AccessLog(config.accessLog(), accessLogFile(context, config), config.accessLogMaxBytes());
        DataPath dataPath = new DataPath(limits, snapshots::current, pools, balancers, () -> policy, acme,
                connections, accessLog, proxyMetrics);
        listeners = new Listeners(hub, address -> new PortInitializer(dataPath, address, certificates::index));
        health = new ProxyHealth(listeners, snapshots::current, connections::active);
        binder = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edgebox-proxy-listeners"));
        binder.scheduleAtFixedRate(certificates::rotateTicketKeys, 1, 1, TimeUnit.HOURS);
        subscription = snapshots.subscribe(s -> binder.execute(() -> apply(s)));
        LOG.log(Level.INFO, "edgebox.proxy: data plane on " + transport.name() + ", TLS on " + tlsEngine() + ", "
                + limits);
    }

    private static String tlsEngine() {
        if (TlsSettings.preferredProvider() == SslProvider.OPENSSL) {
            return "OpenSSL (" + OpenSsl.versionString() + ")";
        }
        return "the JDK (OpenSSL unavailable: " + TlsSettings.openSslUnavailability() + ")";
    }

    /** The access log's file under the home ({@code edgebox.home}); {@code null} for "-", the box's own log. */
    static Path accessLogFile(BundleContext context, ProxyConfig config) {
        if ("-".equals(config.accessLogFile())) {
            return null;
        }
        String home = context.getProperty("edgebox.home");
        return Path.of(home == null ? "" : home).resolve(config.accessLogFile());
    }

    /**
     * A new snapshot, on the binder thread: listen on its ports, keep its clusters' balancer state and checks, build
     * the TLS contexts of its BackendTLSPolicies.
     */
    private void apply(ProxySnapshot snapshot) {
        listeners.apply(snapshot.ports().keySet());
        balancers.retain(snapshot.clusters());
        pools.retain(snapshot.clusters().stream().flatMap(c -> c.endpoints().stream()).map(e -> e.address())
                .collect(Collectors.toSet()));
        pools.tlsContexts().retain(snapshot.clusters());
        healthChecks.update(snapshot.clusters());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        close(subscription);
        binder.shutdown();
        binder.awaitTermination(limits.drainTimeoutMillis(), TimeUnit.MILLISECONDS);
        listeners.close();
        healthChecks.close();
        int forced = connections.drain(limits.drainTimeoutMillis());
        if (forced > 0) {
            LOG.log(Level.WARNING, "edgebox.proxy: " + forced + " connections still open after the drain timeout of "
                    + limits.drainTimeoutMillis() + " ms were closed");
        }
        pools.close();
        accessLog.close();
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "edgebox.proxy: closing " + c + " failed", e);
        }
    }

    @Reference(name = "certificates", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedCertificateSource", unbind = "removeCertificateSource")
    void addCertificateSource(CertificateSource source) {
        certificates.put(source);
    }

    void updatedCertificateSource(CertificateSource source) {
        certificates.put(source);
    }

    void removeCertificateSource(CertificateSource source) {
        certificates.remove(source);
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

    @Override
    public void publish(String token, String keyAuthorization) {
        acme.publish(token, keyAuthorization);
    }

    @Override
    public void withdraw(String token) {
        acme.withdraw(token);
    }

    @Override
    public List<EndpointStatus> endpoints() {
        return balancers.status();
    }

    @Override
    public String function() {
        return "proxy";
    }

    @Override
    public Health health() {
        return health.health();
    }
}
