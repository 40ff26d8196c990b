package edgebox.policy;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.config.FlatProperties;
import edgebox.api.config.ManifestHandler;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSource;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.runtime.RateLimitedLog;
import edgebox.policy.config.PolicyKinds;
import edgebox.policy.config.PolicyManifests;
import edgebox.policy.engine.CompiledPolicies;
import edgebox.policy.engine.HostAddresses;
import edgebox.policy.engine.PolicyCounters;
import edgebox.policy.engine.PolicyEngine;
import edgebox.policy.ops.PolicyMetrics;

/**
 * The policy engine's OSGi edge: the manifest handler of the policy kinds, one ManagedServiceFactory per kind
 * feeding the {@link PolicyEngine}, the objects snapshot giving it the destinations, and its decision point,
 * registered for the data paths at once but closed (denying) until the config bundle has written the policy
 * manifests to Config Admin and Config Admin has delivered them all, or {@value #INITIAL_SYNC_MILLIS} ms have passed.
 */
@Component(immediate = true, service = PolicyView.class)
public final class PolicyComponent implements PolicyView {

    private static final System.Logger LOG = System.getLogger("edgebox.policy");
    private static final System.Logger VERDICTS = System.getLogger("edgebox.policy.verdicts");
    private static final long DEBOUNCE_MILLIS = 20;
    private static final long INITIAL_SYNC_MILLIS = 10_000;
    private static final long HOST_ADDRESS_SECONDS = 5;
    private static final int LOG_LINES_PER_SECOND = 20;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-policy"));
    private final PolicyEngine engine = new PolicyEngine(thread, DEBOUNCE_MILLIS, HostAddresses::now,
            new RateLimitedLog(LOG_LINES_PER_SECOND, Duration.ofSeconds(1), line -> VERDICTS.log(Level.INFO, line)));
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final AutoCloseable subscription;

    @Activate
    public PolicyComponent(BundleContext context, @Reference ObjectSource objects, @Reference ConfigurationAdmin admin,
            @Reference MetricsRegistry registry) {
        for (String factoryPid : PolicyKinds.PIDS.values()) {
            registrations.add(context.registerService(ManagedServiceFactory.class, feed(factoryPid),
                    new Hashtable<>(Map.of(Constants.SERVICE_PID, factoryPid))));
        }
        subscription = objects.subscribe(engine::objects);
        registrations.add(context.registerService(PolicyDecisionPoint.class, engine.decisionPoint(), null));
        registrations.add(context.registerService(ManifestHandler.class,
                new PolicyManifests(() -> engine.translated(held(admin))), null));
        engine.start(INITIAL_SYNC_MILLIS, () -> LOG.log(Level.INFO, "policy: "
                + engine.current().policies().size() + " policies in force"));
        PolicyMetrics metrics = new PolicyMetrics(registry, engine.counters(), engine::current);
        thread.scheduleWithFixedDelay(metrics::export, 1, 1, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(engine::checkHostAddresses, HOST_ADDRESS_SECONDS, HOST_ADDRESS_SECONDS,
                TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        thread.shutdownNow();
        thread.awaitTermination(2, TimeUnit.SECONDS);
        registrations.forEach(PolicyComponent::unregister);
    }

    private ManagedServiceFactory feed(String factoryPid) {
        return new ManagedServiceFactory() {
            @Override
            public String getName() {
                return "edgebox policy " + factoryPid;
            }

            @Override
            public void updated(String pid, Dictionary<String, ?> properties) {
                engine.update(pid, FlatProperties.of(properties));
            }

            @Override
            public void deleted(String pid) {
                engine.delete(pid);
            }
        };
    }

    /** The PIDs of every policy and CIDR group configuration Config Admin holds now. */
    private static Set<String> held(ConfigurationAdmin admin) {
        StringBuilder filter = new StringBuilder("(|");
        for (String factoryPid : PolicyKinds.PIDS.values()) {
            filter.append("(service.factoryPid=").append(factoryPid).append(')');
        }
        Configuration[] held;
        try {
            held = admin.listConfigurations(filter.append(')').toString());
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot list the policy configurations: " + e, e);
        }
        Set<String> pids = new HashSet<>();
        if (held != null) {
            for (Configuration c : held) {
                pids.add(c.getPid());
            }
        }
        return pids;
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

    @Override
    public CompiledPolicies current() {
        return engine.current();
    }

    @Override
    public PolicyCounters counters() {
        return engine.counters();
    }

    @Override
    public ObjectSnapshot snapshot() {
        return engine.snapshot();
    }

    @Override
    public boolean ready() {
        return engine.decisionPoint().isOpen();
    }
}
