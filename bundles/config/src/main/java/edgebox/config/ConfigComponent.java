package edgebox.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
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
import edgebox.config.apply.ConfigControl;
import edgebox.config.apply.ConsoleEdits;
import edgebox.config.apply.Engine;
import edgebox.config.apply.EtcReplacement;
import edgebox.config.apply.EtcWatcher;
import edgebox.config.apply.Rehearsal;
import edgebox.config.apply.StatusView;
import edgebox.config.health.HistoryMetrics;
import edgebox.config.history.CommitConfirm;
import edgebox.config.history.ConfigHistory;
import edgebox.config.history.HistoryControl;
import edgebox.config.history.HistoryService;
import edgebox.config.history.RevisionStore;
import edgebox.config.model.ConfigKey;

/**
 * The control plane: watches {@code etc/} and the manifests, applies every change on one thread
 * ({@code edgebox-config-apply}) in order, records what each change made of the configuration as a revision, and
 * registers the {@code edgebox.config.loaded} condition after the first full scan, and the {@link HistoryControl}
 * the console asks. Wires only: the work is in {@link Engine} and {@link ConfigHistory}.
 */
@Component(service = ConfigControl.class, immediate = true, configurationPid = ConfigSettings.PID)
@Designate(ocd = ConfigSettings.class)
public class ConfigComponent implements ConfigControl {

    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

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
            submit(null, () -> {
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
    private volatile ApplyThread applier;
    private EtcWatcher watcher;
    private volatile Signal loaded;
    private volatile ConfigHistory history;
    private volatile CommitConfirm commitConfirm;
    private ServiceRegistration<HistoryControl> historyService;

    @Reference
    private ConfigurationAdmin cm;

    @Reference
    private MetaTypeService metatype;

    @Activate
    void activate(BundleContext context, ConfigSettings settings) throws IOException {
        this.context = context;
        this.settings = settings;
        String homeProperty = context.getProperty("edgebox.home");
        Path home = Path.of(homeProperty == null ? "." : homeProperty).toAbsolutePath();
        Path data = home.resolve(settings.history());
        CmStore store = new CmStore(cm);
        MetatypeSchemas schemas = new MetatypeSchemas(context, metatype);
        engine = new Engine(home, Path.of(settings.etc()), Path.of(settings.manifests()), store, schemas, services,
                services::handler, events);
        view = new StatusView(engine, store, schemas);
        edits = new ConsoleEdits(engine, store, schemas, services);
        Clock clock = Clock.systemDefaultZone();
        EtcReplacement replacement = new EtcReplacement(engine, store,
                new Rehearsal(data.resolve("rehearsal"), schemas, services, services::handler));
        history = new ConfigHistory(new RevisionStore(data.resolve("revisions")), engine, replacement, schemas, clock,
                settings.revisions());
        applier = new ApplyThread(events, view, history);
        commitConfirm = new CommitConfirm(data.resolve("commit-confirm.properties"), history, clock,
                task -> submit(null, task::run));
        Signal signal = new Signal(() -> context.registerService(Condition.class, Condition.INSTANCE,
                new Hashtable<>(Map.of(Conditions.ID, Conditions.CONFIG_LOADED)))::unregister);
        loaded = signal;
        watcher = new EtcWatcher(List.of(engine.etc(), engine.manifests()),
                paths -> submit(null, () -> engine().changed(paths)), () -> submit(null, () -> engine().scan()));
        watcher.start();
        submit(null, () -> {
            engine().scan();
            services.caughtUp();
            signal.raise();
            commitConfirm.resume();
        });
        context.addBundleListener(bundles);
        historyService = context.registerService(HistoryControl.class,
                new HistoryService(history, commitConfirm, home, clock, this::call), null);
        events.log(System.Logger.Level.INFO, "watching " + engine.etc() + " and " + engine.manifests());
    }

    @Modified
    void modified(ConfigSettings next) throws IOException, InterruptedException {
        if (!next.etc().equals(settings.etc()) || !next.manifests().equals(settings.manifests())
                || !next.history().equals(settings.history())) {
            deactivate();
            activate(context, next);
        } else {
            settings = next;
            history.keep(next.revisions());
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        historyService.unregister();
        context.removeBundleListener(bundles);
        watcher.close();
        commitConfirm.close();
        applier.close(SHUTDOWN_WAIT);
        loaded.close();
        engine = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(ServiceReference<ManifestHandler> ref, ManifestHandler handler) {
        services.addHandler(ref, handler);
        submit(null, () -> {
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
        HistoryMetrics.register(registry, () -> history, () -> commitConfirm, Clock.systemDefaultZone());
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
    public String set(String config, Map<String, String> values, String user) throws Exception {
        ConfigKey key = ConfigKey.parse(config);
        return key == null ? "not a PID: '" + config + "'" : call(user, () -> edits.set(key, values));
    }

    @Override
    public String delete(String config, String user) throws Exception {
        ConfigKey key = ConfigKey.parse(config);
        return key == null ? "not a PID: '" + config + "'" : call(user, () -> edits.delete(key));
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

    private void submit(String who, ApplyEvents.Step step) {
        ApplyThread a = applier;
        if (a != null) {
            a.submit(who, step);
        }
    }

    private String call(String who, Callable<String> change) throws Exception {
        return applier.call(who, change);
    }
}
