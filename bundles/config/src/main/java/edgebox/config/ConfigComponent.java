package edgebox.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.config.ConfigValidator;
import edgebox.api.config.ManifestHandler;
import edgebox.api.health.Conditions;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.runtime.Signal;
import edgebox.api.runtime.Worker;
import edgebox.config.apply.ConfigControl;
import edgebox.config.apply.ConsoleEdits;
import edgebox.config.apply.Engine;
import edgebox.config.apply.EtcWatcher;
import edgebox.config.apply.StatusView;
import edgebox.config.model.ConfigKey;

/**
 * The control plane: watches {@code etc/} and the manifests, applies every change on one thread
 * ({@code edgebox-config-apply}) in order, and registers the {@code edgebox.config.loaded} condition after the
 * first full scan. Wires only: the work is in {@link Engine}.
 */
@Component(service = ConfigControl.class, immediate = true, configurationPid = ConfigSettings.PID)
@Designate(ocd = ConfigSettings.class)
public class ConfigComponent implements ConfigControl {

    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

    private final ConfigServices services = new ConfigServices();
    private final ApplyEvents events = new ApplyEvents();
    /**
     * A bundle that starts with metatype may bring the metatype of a .cfg applied as strings: that file is applied
     * again (a library bundle activated lazily long after boot carries none and changes nothing). Until it
     * is, the box is not "config loaded" (withdrawn synchronously, before the starter goes on), so readiness never
     * reports a component running on the strings it is about to lose.
     */
    private final SynchronousBundleListener bundles = e -> {
        if (e.getType() == BundleEvent.STARTED && e.getBundle() != this.context.getBundle()
                && e.getBundle().getEntryPaths("OSGI-INF/metatype") != null) {
            Signal signal = this.loaded;
            signal.withdraw();
            submit(() -> {
                engine().recheckUnchecked();
                signal.raise();
            });
        }
    };
    private BundleContext context;
    private ConfigSettings settings;
    private volatile Engine engine;
    private ConsoleEdits edits;
    private StatusView view;
    private volatile Worker applier;
    private EtcWatcher watcher;
    private volatile Signal loaded;

    @Reference
    private ConfigurationAdmin cm;

    @Reference
    private MetaTypeService metatype;

    @Activate
    void activate(BundleContext context, ConfigSettings settings) throws IOException {
        this.context = context;
        this.settings = settings;
        String home = context.getProperty("edgebox.home");
        CmStore store = new CmStore(cm);
        MetatypeSchemas schemas = new MetatypeSchemas(context, metatype);
        engine = new Engine(Path.of(home == null ? "." : home), Path.of(settings.etc()),
                Path.of(settings.manifests()), store, schemas, services, services::handler, events);
        view = new StatusView(engine, store, schemas);
        edits = new ConsoleEdits(engine, store, schemas, services);
        Signal signal = new Signal(() -> context.registerService(Condition.class, Condition.INSTANCE,
                new Hashtable<>(Map.of(Conditions.ID, Conditions.CONFIG_LOADED)))::unregister);
        loaded = signal;
        applier = new Worker("edgebox-config-apply");
        watcher = new EtcWatcher(List.of(engine.etc(), engine.manifests()),
                paths -> submit(() -> engine().changed(paths)), () -> submit(() -> engine().scan()));
        watcher.start();
        submit(() -> {
            engine().scan();
            services.caughtUp();
            signal.raise();
        });
        context.addBundleListener(bundles);
        events.log(System.Logger.Level.INFO, "watching " + engine.etc() + " and " + engine.manifests());
    }

    @Modified
    void modified(ConfigSettings next) throws IOException, InterruptedException {
        if (!next.etc().equals(settings.etc()) || !next.manifests().equals(settings.manifests())) {
            deactivate();
            activate(context, next);
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        context.removeBundleListener(bundles);
        watcher.close();
        applier.close(SHUTDOWN_WAIT);
        loaded.close();
        engine = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(ServiceReference<ManifestHandler> ref, ManifestHandler handler) {
        services.addHandler(ref, handler);
        submit(() -> {
            engine().retryMissingHandlers();
            ConfigServices.caughtUp(handler);
        });
    }

    void removeHandler(ServiceReference<ManifestHandler> ref) {
        services.removeHandler(ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addValidator(ServiceReference<ConfigValidator> ref, ConfigValidator validator) {
        services.addValidator(ref, validator);
    }

    void removeValidator(ServiceReference<ConfigValidator> ref) {
        services.removeValidator(ref);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMetrics(MetricsRegistry registry) {
        events.metrics(registry, this::summary);
    }

    void unsetMetrics(MetricsRegistry registry) {
        events.metrics(null, null);
    }

    @Override
    public List<Row> list() throws IOException {
        return view.list();
    }

    @Override
    public Shown show(String config) throws Exception {
        ConfigKey key = ConfigKey.parse(config);
        return key == null ? null : view.show(key);
    }

    @Override
    public String set(String config, Map<String, String> values) throws Exception {
        ConfigKey key = ConfigKey.parse(config);
        return key == null ? "not a PID: '" + config + "'" : call(() -> edits.set(key, values));
    }

    @Override
    public String delete(String config) throws Exception {
        ConfigKey key = ConfigKey.parse(config);
        return key == null ? "not a PID: '" + config + "'" : call(() -> edits.delete(key));
    }

    @Override
    public Summary summary() {
        return events.summary();
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            throw new IllegalStateException("edgebox.config is stopping");
        }
        return e;
    }

    /** Runs a change on the apply thread, then refreshes the summary; failures are logged there. */
    private void submit(ApplyEvents.Step step) {
        Worker w = applier;
        if (w != null) {
            StatusView v = view;
            w.execute(() -> events.run(step, v));
        }
    }

    /** Runs a console change on the apply thread, in line with the file changes, and waits for its outcome. */
    private String call(Callable<String> op) throws Exception {
        StatusView v = view;
        try {
            return applier.call(() -> {
                try {
                    return op.call();
                } finally {
                    events.run(() -> { }, v);
                }
            }, COMMAND_WAIT);
        } catch (TimeoutException e) {
            throw new IOException("the apply thread is busy; try again", e);
        }
    }
}
