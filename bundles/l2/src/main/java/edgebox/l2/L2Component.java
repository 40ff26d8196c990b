package edgebox.l2;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.metrics.MetricsRegistry;
import edgebox.l2.host.HostIntegration;
import edgebox.l2.ops.L2Metrics;
import edgebox.l2.plan.Checks;
import edgebox.l2.plan.Inputs;
import edgebox.l2.plan.L2Plan;
import edgebox.l2.plan.L2Settings;
import edgebox.l2.plan.PlanCompiler;
import edgebox.l2.plan.Readers;
import edgebox.l2.run.Engine;
import edgebox.l2.run.Nic;
import edgebox.l2.run.RouterStatus;
import edgebox.l2.run.VipStatus;
import edgebox.l2.wire.Link;

/**
 * The L2 announcer's OSGi edge: reads its inputs from Config Admin ({@code edgebox.l2}, its VIPs and virtual
 * routers, the Cilium pools and policies, and the proxy's Gateways and Services), compiles them into a plan 20 ms
 * after the last change, and hands the plan to the {@link Engine}.
 */
@Component(immediate = true, service = L2View.class, configurationPid = Readers.SETTINGS_PID)
@Designate(ocd = L2Config.class)
public final class L2Component implements L2View {

    static final String GATEWAY_PID = "edgebox.proxy.gateway";
    static final String SERVICE_PID = "edgebox.proxy.service";
    static final String GATEWAYS_PID = "edgebox.proxy.gateways";
    private static final Logger LOG = System.getLogger("edgebox.l2");
    private static final long DEBOUNCE_MILLIS = 20;

    private final ScheduledExecutorService compiler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-l2-compiler"));
    private final AtomicLong versions = new AtomicLong();
    private final Engine engine;
    private final List<ConfigFeed> feeds = new ArrayList<>();
    private final ConfigFeed vips;
    private final ConfigFeed routers;
    private final ConfigFeed pools;
    private final ConfigFeed policies;
    private final ConfigFeed gateways;
    private final ConfigFeed services;
    private final ServiceRegistration<?> classes;
    private volatile Set<String> gatewayClassNames = Set.of("edgebox");
    private volatile Map<String, ?> config;
    private List<String> logged = List.of();
    private ScheduledFuture<?> pending;

    @Activate
    public L2Component(BundleContext context, Map<String, Object> properties, @Reference MetricsRegistry metrics) {
        config = properties;
        L2Settings settings = Readers.settings(properties, gatewayClassNames);
        HostIntegration host = new HostIntegration();
        ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "edgebox-l2"));
        engine = new Engine(runner, Link::new, Nic::list, host, settings, new L2Metrics(metrics));
        vips = feed(context, Readers.VIP_PID);
        routers = feed(context, Readers.VRRP_PID);
        pools = feed(context, Checks.POOL_PID);
        policies = feed(context, Checks.POLICY_PID);
        gateways = feed(context, GATEWAY_PID);
        services = feed(context, SERVICE_PID);
        classes = ConfigFeed.singleton(context, GATEWAYS_PID, p -> {
            gatewayClassNames = Readers.gatewayClassNames(p);
            changed();
        });
        changed();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = properties;
        changed();
    }

    @Deactivate
    void deactivate() {
        feeds.forEach(ConfigFeed::close);
        try {
            classes.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        compiler.shutdownNow();
        engine.close();
    }

    private ConfigFeed feed(BundleContext context, String factoryPid) {
        ConfigFeed f = new ConfigFeed(context, factoryPid, this::changed);
        feeds.add(f);
        return f;
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = compiler.schedule(this::compile, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void compile() {
        try {
            L2Settings next = Readers.settings(config, gatewayClassNames);
            Inputs in = new Inputs(vips.snapshot(), routers.snapshot(), pools.snapshot(), policies.snapshot(),
                    gateways.snapshot(), services.snapshot());
            L2Plan plan = PlanCompiler.compile(versions.incrementAndGet(), next, in);
            List<String> before = logged;
            plan.problems().stream().filter(p -> !before.contains(p)).forEach(p -> LOG.log(Level.WARNING, "l2: " + p));
            logged = plan.problems();
            engine.apply(next, plan);
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
