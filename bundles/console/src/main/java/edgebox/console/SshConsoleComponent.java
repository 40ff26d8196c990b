package edgebox.console;

import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
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
import edgebox.api.metrics.Counter;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.console.session.CommandRunner;
import edgebox.console.session.Profile;
import edgebox.console.ssh.PolicyAdmission;
import edgebox.console.ssh.SessionStats;
import edgebox.console.ssh.SshConsoleServer;

/** The SSH console: wires configuration, the Gogo runtime, the policy and metrics to {@link SshConsoleServer}. */
@Component(configurationPid = SshConsoleConfig.PID, service = HealthCheck.class, immediate = true)
@Designate(ocd = SshConsoleConfig.class)
public final class SshConsoleComponent implements HealthCheck {

    private final SessionStats stats = new SessionStats();
    private SshConsoleServer server;
    private BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommandProcessor processor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyDecisionPoint policy;

    private final PolicyAdmission admission = new PolicyAdmission(() -> policy);

    @Activate
    void activate(BundleContext bundleContext, SshConsoleConfig config) {
        context = bundleContext;
        Profile profile = Profile.of(Home.resolve(context, Home.PROFILE));
        server = new SshConsoleServer(new CommandRunner(() -> processor, profile), stats, admission);
        server.start(settings(config));
    }

    @Modified
    void modified(SshConsoleConfig config) {
        server.update(settings(config));
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMetrics(MetricsRegistry metrics) {
        metrics.gauge("edgebox_console_sessions", "SSH console sessions logged in now", stats::active);
        Counter failed = metrics.counter("edgebox_console_failed_logins_total",
                "SSH connections to the console that closed without a successful login");
        failed.inc(stats.failedLogins());
        stats.onFailedLogin(failed::inc);
        Counter refused = metrics.counter("edgebox_console_policy_refused_total",
                "SSH connections to the console the policy denied, closed before the version exchange");
        refused.inc(admission.refused());
        admission.onRefused(refused::inc);
    }

    void unbindMetrics(MetricsRegistry metrics) {
        stats.onFailedLogin(null);
        admission.onRefused(null);
    }

    @Override
    public String function() {
        return "console";
    }

    @Override
    public Health health() {
        SshConsoleServer current = server;
        if (current == null) {
            return Health.starting("ssh console starting");
        }
        SshConsoleServer.Status status = current.status();
        String detail = "ssh on " + status.bound() + ", " + status.keys() + " keys, " + status.sessions() + " sessions"
                + (admission.refused() == 0 ? "" : ", " + admission.refused() + " connections refused by policy");
        if (status.error() != null) {
            return Health.degraded(detail, status.error());
        }
        if (status.keys() == 0) {
            return Health.degraded(detail, "authorized keys: no keys: nobody can log in");
        }
        return Health.up(detail);
    }

    private SshConsoleServer.Settings settings(SshConsoleConfig config) {
        Path keys = Home.resolve(context, config.authorizedKeys());
        Path hostKey = Home.resolve(context, config.hostKey());
        return new SshConsoleServer.Settings(config.address(), config.port(), keys, hostKey);
    }
}
