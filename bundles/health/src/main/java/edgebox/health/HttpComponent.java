package edgebox.health;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.metrics.Counter;
import edgebox.api.net.Transport;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.health.http.Endpoints;
import edgebox.health.http.HealthServer;
import edgebox.health.http.PolicyCheck;
import edgebox.health.readiness.ReadinessReport;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Serves {@code /healthz}, {@code /readyz} and {@code /metrics} on the configured address; a new address or port
 * rebinds live. Clients are those the policy decision point, when one is registered, lets reach the box (function
 * {@code metrics}). Its own health entry ({@code health}) says where it listens, or why it does not.
 */
@Component(immediate = true, configurationPid = HttpComponent.PID, service = HealthCheck.class)
@Designate(ocd = HealthConfig.class)
public final class HttpComponent implements HealthCheck, Endpoints {

    static final String PID = "edgebox.health";
    private static final String METRICS_OWNER = "edgebox.health (http)";
    private static final Logger LOG = System.getLogger(PID);

    private final Transport transport;
    private final HealthState state;
    private final MetricsHub hub;
    private final ConfigurationAdmin cm;
    private final PolicyCheck policyCheck;
    private volatile HealthServer server;
    private volatile String where = "";
    private volatile String bindError;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyDecisionPoint policy;

    @Activate
    public HttpComponent(@Reference Transport transport, @Reference HealthState state, @Reference MetricsHub hub,
            @Reference ConfigurationAdmin cm, HealthConfig config) {
        this.transport = transport;
        this.state = state;
        this.hub = hub;
        this.cm = cm;
        Counter refused = hub.store().view(METRICS_OWNER).counter("edgebox_health_policy_refused_total",
                "Connections (closed at once) and requests (403) to the health endpoint the policy denied", "stage");
        this.policyCheck = new PolicyCheck(() -> policy, refused.labels("connection")::inc,
                refused.labels("request")::inc);
        bind(config);
    }

    @Modified
    void modified(HealthConfig config) {
        if (!(config.address() + ":" + config.port()).equals(where)) {
            close();
            bind(config);
        }
    }

    @Deactivate
    void deactivate() {
        close();
        hub.store().release(METRICS_OWNER);
    }

    private void bind(HealthConfig config) {
        where = config.address() + ":" + config.port();
        try {
            server = HealthServer.bind(transport, config.address(), config.port(), this, policyCheck);
            bindError = null;
            LOG.log(Level.INFO, PID + ": listening on " + where + " (" + transport.name() + ")");
        } catch (RuntimeException e) {
            bindError = e.getMessage();
            LOG.log(Level.ERROR, PID + ": address, port: " + bindError);
        }
    }

    private void close() {
        HealthServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String function() {
        return "health";
    }

    /**
     * UP when listening where Config Admin says now. At boot the endpoint starts on its defaults and moves when
     * etc/ reaches it; until it has moved the box is not ready, or "edgebox ready" would name a port not yet open.
     */
    @Override
    public Health health() {
        String error = bindError;
        if (error != null) {
            return Health.down("not listening on " + where, error);
        }
        String held = held();
        if (held != null && !held.equals(where)) {
            return Health.starting("moving from " + where + " to " + held);
        }
        return Health.up("listening on " + where);
    }

    /** {@code address:port} of the configuration Config Admin holds, or null when there is none. */
    private String held() {
        try {
            Configuration[] c = cm.listConfigurations("(service.pid=" + PID + ")");
            if (c == null || c[0].getProperties() == null) {
                return null;
            }
            Object address = c[0].getProperties().get("address");
            Object port = c[0].getProperties().get("port");
            return (address == null ? "127.0.0.1" : address.toString().strip()) + ":"
                    + (port == null ? "9090" : port.toString().strip());
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            return null;
        }
    }

    @Override
    public Answer liveness() {
        ReadinessReport r = state.report();
        if (r == null) {
            return new Answer(false, "starting");
        }
        return r.live() ? new Answer(true, "ok") : new Answer(false, String.join("\n", r.notLive()));
    }

    @Override
    public Answer readiness() {
        ReadinessReport r = state.report();
        if (r == null) {
            return new Answer(false, "starting");
        }
        return r.ready() ? new Answer(true, "ready") : new Answer(false, String.join("\n", r.notReady()));
    }

    @Override
    public void writeMetrics(OutputStream out) throws IOException {
        hub.store().writeText(out);
    }
}
