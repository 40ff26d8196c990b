package edgebox.system;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.config.TypedConfig;
import edgebox.api.health.Conditions;
import edgebox.api.runtime.HostCommand;
import edgebox.system.install.GoodMarker;
import edgebox.system.install.TrialWatch;
import edgebox.system.install.Upgrader;
import edgebox.system.slot.GrubEnvFile;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SlotVersions;
import edgebox.system.slot.SlotsStatus;
import edgebox.system.upgrade.UpgradeRefused;

/**
 * The system's OSGi edge: reads {@code edgebox.system} (a change makes a new instance, so a trial's count starts
 * again), feeds the {@code edgebox.ready} condition to the {@link TrialWatch}, which marks a trial boot good on this
 * component's thread, and hands upgrades to the {@link Upgrader}, one at a time.
 */
@Component(immediate = true, service = SystemView.class, configurationPid = Settings.PID)
@Designate(ocd = SystemConfig.class)
public final class SystemComponent implements SystemView {

    private static final Logger LOG = System.getLogger("edgebox.system");

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-system"));
    private final AtomicBoolean upgrading = new AtomicBoolean();
    /** Why the configuration was refused, when the validator did not keep it out; null when it was taken. */
    private final String refused;
    private final Settings settings;
    private final GrubEnvFile grubenv;
    private final SlotVersions versions;
    private final Upgrader upgrader;
    private final TrialWatch watch;

    @Activate
    public SystemComponent(BundleContext context, SystemConfig config) {
        String home = context.getProperty("edgebox.home");
        Settings checked;
        String problem = null;
        try {
            checked = Settings.of(config, home);
        } catch (IllegalArgumentException e) {
            checked = Settings.of(TypedConfig.of(SystemConfig.class, Map.of()), home);
            problem = Settings.PID + ": " + e.getMessage() + "; running with the defaults";
            LOG.log(Level.ERROR, "system: " + problem);
        }
        refused = problem;
        settings = checked;
        grubenv = new GrubEnvFile(settings.files().grubenv());
        versions = new SlotVersions(settings.files().slotVersions());
        upgrader = new Upgrader(settings.files(), grubenv, versions);
        watch = new TrialWatch(settings.files(), new GoodMarker(settings.files(), grubenv, versions),
                settings.goodAfter(), thread);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(2, TimeUnit.SECONDS);
    }

    @Reference(service = Condition.class, target = "(" + Conditions.ID + "=" + Conditions.READY + ")",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindReady(Condition ready) {
        watch.ready();
    }

    void unbindReady(Condition ready) {
        watch.notReady();
    }

    @Override
    public Optional<SlotsStatus> slots() throws IOException {
        Optional<Slot> booted = settings.files().bootedSlot();
        return booted.isEmpty() ? Optional.empty()
                : Optional.of(SlotsStatus.read(booted.get(), settings.files(), grubenv, versions));
    }

    @Override
    public String trial() {
        return watch.line();
    }

    @Override
    public String lastError() {
        return refused != null ? refused : watch.lastError();
    }

    @Override
    public List<String> upgrade(Path bundle) throws UpgradeRefused {
        if (!upgrading.compareAndSet(false, true)) {
            throw new UpgradeRefused("another upgrade is running");
        }
        try {
            List<String> done = upgrader.upgrade(bundle);
            done.forEach(line -> LOG.log(Level.INFO, "system: upgrade: " + line));
            return done;
        } catch (UpgradeRefused e) {
            LOG.log(Level.WARNING, "system: upgrade from " + bundle + " refused: " + e.getMessage());
            throw e;
        } finally {
            upgrading.set(false);
        }
    }

    @Override
    public HostCommand.Result reboot() {
        LOG.log(Level.INFO, "system: rebooting to try the new slot");
        return HostCommand.run(List.of("reboot"), Duration.ofSeconds(30));
    }
}
