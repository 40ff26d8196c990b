package edgebox.l2;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSource;
import edgebox.l2.host.HostIntegration;
import edgebox.l2.ops.L2Metrics;
import edgebox.l2.plan.Announcement;
import edgebox.l2.plan.Inputs;
import edgebox.l2.plan.L2Plan;
import edgebox.l2.plan.L2Settings;
import edgebox.l2.plan.ParsedConfigs;
import edgebox.l2.plan.PlanCompiler;
import edgebox.l2.plan.Policy;
import edgebox.l2.plan.VipsAndRouters;
import edgebox.l2.run.Engine;
import edgebox.l2.run.Nic;
import edgebox.l2.run.RouterStatus;
import edgebox.l2.run.VipStatus;
import edgebox.l2.vrrp.RouterSettings;
import edgebox.l2.wire.Link;

/**
 * The L2 announcer's OSGi edge: follows the objects snapshot (Gateways, LoadBalancer Services) and its own
 * configurations ({@code edgebox.l2}, its VIPs, virtual routers and announcement policies), compiles them into a
 * plan 20 ms after the last change, on its own thread, and hands the plan to the {@link Engine}.
 */
@Component(immediate = true, service = L2View.class, configurationPid = L2Settings.PID)
@Designate(ocd = L2Config.class)
public final class L2Component implements L2View {

    private static final Logger LOG = System.getLogger("edgebox.l2");
    private static final long DEBOUNCE_MILLIS = 20;

    private final ScheduledExecutorService compiler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-l2-compiler"));
    private final ParsedConfigs<Announcement> vips = new ParsedConfigs<>(VipsAndRouters::vip);
    private final ParsedConfigs<RouterSettings> routers = new ParsedConfigs<>(VipsAndRouters::router);
    private final ParsedConfigs<Policy> policies = new ParsedConfigs<>(Policy::read);
    private final Engine engine;
    private final List<FactoryListener> listeners;
    private final AutoCloseable subscription;
    private volatile L2Settings settings;
    private volatile ObjectSnapshot snapshot = ObjectSnapshot.EMPTY;
    private long version;
    private List<String> logged = List.of();
    private ScheduledFuture<?> pending;

    @Activate
    public L2Component(BundleContext context, L2Config config, @Reference MetricsRegistry metrics,
            @Reference ObjectSource objects) {
        settings = settings(config);
        engine = new Engine(Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edgebox-l2")),
                Link::new, Nic::list, new HostIntegration(), settings, new L2Metrics(metrics));
        listeners = List.of(new FactoryListener(context, VipsAndRouters.VIP_PID, vips, this::changed),
                new FactoryListener(context, VipsAndRouters.VRRP_PID, routers, this::changed),
                new FactoryListener(context, Policy.PID, policies, this::changed));
        subscription = objects.subscribe(s -> {
            snapshot = s;
            changed();
        });
    }

    @Modified
    void modified(L2Config config) {
        try {
            settings = settings(config);
            changed();
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "l2: " + e.getMessage() + "; the previous settings stay in force");
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        listeners.forEach(FactoryListener::close);
        compiler.shutdownNow();
        engine.close();
    }

    /** The settings {@code config} holds; a PlanProblem names the field that is wrong. */
    static L2Settings settings(L2Config config) {
        return L2Settings.of(config.interfaces(), config.garpCount(), config.garpIntervalMillis(),
                config.garpRefreshSeconds(), config.garpForm(), config.hostIntegration());
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = compiler.schedule(this::compile, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void compile() {
        try {
            L2Settings current = settings;
            List<String> refused = new ArrayList<>(vips.problems());
            refused.addAll(routers.problems());
            refused.addAll(policies.problems());
            Inputs in = new Inputs(vips.records(), routers.records(), policies.records(), refused);
            L2Plan plan = PlanCompiler.compile(++version, current, in, snapshot);
            List<String> before = logged;
            plan.problems().stream().filter(p -> !before.contains(p)).forEach(p -> LOG.log(Level.WARNING, "l2: " + p));
            logged = plan.problems();
            engine.apply(current, plan);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "l2: " + e.getMessage() + "; the previous plan keeps running");
        }
    }

    @Override
    public List<VipStatus> vips() {
        return engine.vips();
    }

    @Override
    public List<RouterStatus> routers() {
        return engine.routers();
    }

    @Override
    public List<String> problems() {
        return engine.problems();
    }
}
