package edgebox.features;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.health.Conditions;
import edgebox.api.runtime.Signal;
import edgebox.api.runtime.Worker;
import edgebox.features.install.FeatureInstaller;
import edgebox.features.install.FeatureInstaller.Outcome;
import edgebox.features.install.StateStore;
import edgebox.features.repo.FeatureReader;
import edgebox.features.repo.FeatureRepository;
import edgebox.features.repo.FeatureRepository.Catalog;

/**
 * Installs the boot features (and the ones installed earlier from the console) on one worker thread, then registers
 * the {@code edgebox.features.booted} condition; serves install and uninstall for the console on the same thread.
 */
@Component(service = Features.class, configurationPid = "edgebox.features", immediate = true)
@Designate(ocd = FeaturesConfig.class)
public final class FeaturesComponent implements Features {

    static final String HOME = "edgebox.home";
    private static final System.Logger LOG = System.getLogger(FeaturesComponent.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final FeatureRepository repository;
    private final FeatureInstaller installer;
    private final Worker worker = new Worker("edgebox-features");
    /** A changed boot list is not "booted" until its features are installed: readiness waits for them. */
    private final Signal booted;

    @Activate
    public FeaturesComponent(BundleContext context, FeaturesConfig config, @Reference ConfigurationAdmin admin) {
        this.booted = new Signal(() -> context.registerService(Condition.class, Condition.INSTANCE,
                new Hashtable<>(Map.of(Conditions.ID, Conditions.FEATURES_BOOTED)))::unregister);
        String homeProperty = context.getProperty(HOME);
        Path home = Path.of(homeProperty == null ? "" : homeProperty).toAbsolutePath();
        if (homeProperty == null) {
            LOG.log(System.Logger.Level.WARNING, "framework property " + HOME + " is not set; using " + home);
        }
        this.repository = new FeatureRepository(home.resolve(config.definitions()), home.resolve(config.repository()),
                new FeatureReader());
        this.installer = new FeatureInstaller(repository, new OsgiBundleHost(context), new ConfigAdminHost(admin, home.resolve("etc")),
                new StateStore(home.resolve("data").resolve("features.state")), Set.of("core"));
        Set<String> boot = new LinkedHashSet<>(Arrays.asList(config.boot()));
        worker.execute(() -> boot(boot));
    }

    @Modified
    void modified(FeaturesConfig config) {
        Set<String> boot = new LinkedHashSet<>(Arrays.asList(config.boot()));
        booted.withdraw();
        worker.execute(() -> {
            report(boot.stream().map(installer::install).toList());
            booted.raise();
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        booted.close();
        worker.close(SHUTDOWN_WAIT);
    }

    private void boot(Set<String> boot) {
        report(installer.restore(boot));
        booted.raise();
    }

    private static List<Outcome> report(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            outcome.failures().forEach(failure -> LOG.log(System.Logger.Level.ERROR, failure));
            if (!outcome.refused() && !outcome.bundles().isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "feature '" + outcome.feature() + "': " + outcome.bundles().size()
                        + " bundles installed");
            }
        }
        return outcomes;
    }

    @Override
    public Catalog catalog() {
        return repository.load();
    }

    @Override
    public Set<String> installed() {
        return installer.installed();
    }

    @Override
    public Map<String, String> problems() {
        return installer.problems();
    }

    @Override
    public boolean booted() {
        return booted.raised();
    }

    @Override
    public List<Outcome> install(List<String> names) {
        return onWorker(() -> report(names.stream().map(installer::install).toList()));
    }

    @Override
    public List<Outcome> uninstall(List<String> names) {
        return onWorker(() -> report(names.stream().map(installer::uninstall).toList()));
    }

    private List<Outcome> onWorker(Callable<List<Outcome>> work) {
        try {
            return worker.call(work, COMMAND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("features: interrupted while waiting for the feature worker", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("features: still busy after " + COMMAND_TIMEOUT.toSeconds()
                    + " s; see the log");
        } catch (Exception e) {
            throw new IllegalStateException("features: " + e.getMessage(), e);
        }
    }
}
