package edgebox.lb;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.TypedConfig;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSource;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.FlowSample;
import edgebox.lb.engine.LbEngine;
import edgebox.lb.health.HealthChecker;
import edgebox.lb.health.HealthTargets;
import edgebox.lb.health.HealthView;
import edgebox.lb.host.BlackholeRoutes;
import edgebox.lb.io.PacketPaths;
import edgebox.lb.ops.LbMetrics;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.LbPlanCompiler;
import edgebox.lb.plan.VipKey;
import edgebox.lb.plan.VirtualService;

/**
 * The load balancer's OSGi edge: follows the objects snapshot (LoadBalancer Services, EndpointSlices) and the
 * health of the backends, compiles a plan 20 ms after the last change on its own thread, routes the VIPs away from
 * the box's kernel and hands the plan to the {@link LbEngine}, whose port threads forward the frames. The port
 * threads put each new flow to the policy decision point registered at that moment, if any.
 */
@Component(immediate = true, service = LbView.class, configurationPid = LbRunSettings.PID)
@Designate(ocd = LbConfig.class)
public final class LbComponent implements LbView {

    private static final Logger LOG = System.getLogger("edgebox.lb");
    private static final long DEBOUNCE_MILLIS = 20;
    private static final long REOPEN_SECONDS = 5;

    private final ScheduledExecutorService compiler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-lb-compiler"));
    private final HealthChecker checker = new HealthChecker((now, was, view) -> changed());
    private final BlackholeRoutes routes = new BlackholeRoutes();
    private final LbMetrics metrics;
    private final AutoCloseable subscription;
    private volatile LbRunSettings settings;
    private volatile LbEngine engine;
    private volatile PolicyDecisionPoint policy;
    private volatile ObjectSnapshot snapshot = ObjectSnapshot.EMPTY;
    private volatile LbPlan plan = LbPlan.EMPTY;
    private volatile List<String> problems = List.of();
    private volatile double compileMillis;
    private volatile String refused;
    private ScheduledFuture<?> pending;

    @Activate
    public LbComponent(LbConfig config, @Reference MetricsRegistry registry, @Reference ObjectSource objects) {
        try {
            settings = LbRunSettings.of(config);
        } catch (IllegalArgumentException e) {
            refuse(e);
            settings = LbRunSettings.of(TypedConfig.of(LbConfig.class, Map.of()));
        }
        engine = new LbEngine(PacketPaths.named(settings.packetPath()), settings.engine(), this::policy);
        engine.interfaces(settings.interfaces());
        metrics = new LbMetrics(registry, this::status);
        compiler.scheduleWithFixedDelay(this::reopen, REOPEN_SECONDS, REOPEN_SECONDS, TimeUnit.SECONDS);
        compiler.scheduleWithFixedDelay(metrics::export, 1, 1, TimeUnit.SECONDS);
        subscription = objects.subscribe(s -> {
            snapshot = s;
            changed();
        });
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

    private PolicyDecisionPoint policy() {
        return policy;
    }

    @Modified
    void modified(LbConfig config) {
        LbRunSettings next;
        try {
            next = LbRunSettings.of(config);
        } catch (IllegalArgumentException e) {
            refuse(e);
            return;
        }
        refused = null;
        compiler.execute(() -> apply(next));
    }

    /** Before the first settings are read, "the previous settings" are the defaults: the data path stays off. */
    private void refuse(IllegalArgumentException e) {
        refused = LbRunSettings.PID + ": " + e.getMessage() + "; refused, the previous settings stay in force";
        LOG.log(Level.ERROR, "lb: " + refused);
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        compiler.shutdownNow();
        compiler.awaitTermination(2, TimeUnit.SECONDS);
        checker.close();
        engine.close();
        routes.close();
    }

    /** On the compiler thread: a new packet path or engine setting restarts the engine, the rest applies in place. */
    private void apply(LbRunSettings next) {
        LbRunSettings before = settings;
        settings = next;
        if (!next.packetPath().equals(before.packetPath()) || !next.engine().equals(before.engine())) {
            LOG.log(Level.INFO, "lb: restarting the data path (" + next.packetPath() + "); established flows are "
                    + "picked again by Maglev");
            LbEngine old = engine;
            LbEngine fresh = new LbEngine(PacketPaths.named(next.packetPath()), next.engine(), this::policy);
            fresh.update(plan);
            old.close();
            engine = fresh;
            metrics.engineRestarted();
        }
        engine.interfaces(next.interfaces());
        if (!next.hostIntegration() || next.interfaces().isEmpty()) {
            routes.sync(Set.of());
        }
        compile();
    }

    private void reopen() {
        engine.interfaces(settings.interfaces());
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!compiler.isShutdown()) {
            pending = compiler.schedule(this::compile, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void compile() {
        try {
            long start = System.nanoTime();
            LbRunSettings current = settings;
            ObjectSnapshot objects = snapshot;
            LbPlan next = LbPlanCompiler.compile(objects, current.plan(), checker.view());
            HealthTargets targets = HealthTargets.of(objects, next, current.health());
            checker.update(targets.targets());
            if (current.hostIntegration() && !current.interfaces().isEmpty()) {
                routes.sync(vips(next));
            }
            engine.update(next);
            plan = next;
            compileMillis = (System.nanoTime() - start) / 1e6;
            report(next, targets);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "lb: cannot compile the objects snapshot: " + e + "; the previous plan keeps running",
                    e);
        }
    }

    private void report(LbPlan next, HealthTargets targets) {
        List<String> found = new ArrayList<>();
        for (ConfigProblem p : next.problems()) {
            found.add(p.toString());
        }
        for (ConfigProblem p : targets.problems()) {
            found.add(p.toString());
        }
        List<String> before = problems;
        found.stream().filter(p -> !before.contains(p)).forEach(p -> LOG.log(Level.WARNING, "lb: " + p));
        problems = List.copyOf(found);
    }

    private static Set<InetAddress> vips(LbPlan plan) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (VirtualService vs : plan.services()) {
            out.add(vs.key().address());
        }
        return out;
    }

    @Override
    public LbRunSettings settings() {
        return settings;
    }

    @Override
    public LbPlan plan() {
        return plan;
    }

    @Override
    public HealthView health() {
        return checker.view();
    }

    @Override
    public EngineStatus status() {
        return engine.status();
    }

    @Override
    public List<FlowSample> flows(VipKey service, int limit) {
        return engine.flows(service, limit);
    }

    @Override
    public List<String> problems(EngineStatus status) {
        List<String> all = new ArrayList<>(problems);
        String refusal = refused;
        if (refusal != null) {
            all.add(refusal);
        }
        all.addAll(routes.errors());
        for (EngineStatus.PortStatus p : status.ports()) {
            if (p.error() != null) {
                String prefix = "interface " + p.name() + ": ";
                all.add(p.error().startsWith(prefix) ? p.error() : prefix + p.error());
            }
        }
        return all;
    }

    @Override
    public String refusal() {
        return refused;
    }

    @Override
    public double lastCompileMillis() {
        return compileMillis;
    }
}
