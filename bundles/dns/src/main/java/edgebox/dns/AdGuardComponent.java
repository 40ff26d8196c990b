package edgebox.dns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import edgebox.dns.adguard.AdGuardHomeReader;
import edgebox.dns.adguard.AdGuardSetup;

/**
 * AdGuard Home's own configuration file (PID {@value #PID}; by default {@code etc/AdGuardHome.yaml}, so dropping the
 * file into etc/ is enough): read when it appears and again whenever its modification time or size changes, or one
 * of the filter files it names does (checked every {@code reloadSeconds} on the component's own thread). A file that
 * is refused keeps the last good setup serving and shows as a problem; a missing file contributes nothing.
 */
@Component(service = {}, configurationPid = AdGuardComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AdGuardComponent.Config.class)
public class AdGuardComponent {

    static final String PID = "edgebox.dns.adguard";
    private static final System.Logger LOG = System.getLogger(PID);

    @ObjectClassDefinition(name = "edgebox DNS AdGuard Home file", description = "Reads an AdGuardHome.yaml: "
            + "rewrites, upstreams, filters and user rules")
    public @interface Config {

        @AttributeDefinition(description = "The AdGuardHome.yaml (relative to the home)")
        String file() default "etc/AdGuardHome.yaml";

        @AttributeDefinition(description = "Seconds between checks of the file for changes")
        int reloadSeconds() default 2;
    }

    private final SourceStore store;
    private final Path file;
    private final ScheduledExecutorService watcher;
    private String seen = "";
    private List<Path> read = List.of();

    @Activate
    public AdGuardComponent(@Reference SourceStore store, BundleContext context, Config config,
            Map<String, Object> properties) {
        this.store = store;
        this.file = Home.resolve(context.getProperty("edgebox.home"), config.file());
        load();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edgebox-dns-adguard"));
        long every = Math.max(1, config.reloadSeconds());
        watcher.scheduleWithFixedDelay(this::load, every, every, TimeUnit.SECONDS);
    }

    private void load() {
        try {
            String yaml = stamp(file);
            String stamp = yaml + stamps(read);
            if (stamp.equals(seen)) {
                return;
            }
            seen = stamp;
            if (!Files.exists(file)) {
                store.remove(PID);
                return;
            }
            long start = System.nanoTime();
            AdGuardSetup setup = AdGuardHomeReader.read(file);
            store.putAdGuard(PID, setup);
            long inForce = System.nanoTime();
            read = setup.files();
            // the lists just read are seen as they are now, or the next check would find them new and read all again
            seen = yaml + stamps(read);
            setup.notes().forEach(n -> LOG.log(Level.WARNING, n));
            BlocklistComponent.logRefusals(PID, setup.filters(), LOG);
            LOG.log(Level.INFO, PID + ": " + file + ": " + setup.rewrites().size() + " rewrites, "
                    + setup.filters().stream().mapToInt(f -> f.size()).sum() + " filter rules, "
                    + setup.upstreams().size() + " upstreams, in force after "
                    + BlocklistComponent.millis(inForce - start) + " ms");
        } catch (IOException | RuntimeException e) {
            String reason = PID + ": file: " + e.getMessage();
            if (!reason.equals(store.problems().get(PID))) {
                LOG.log(Level.WARNING, reason);
                store.refuse(PID, reason);
            }
        }
    }

    private static String stamps(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path p : files) {
            all.append(' ').append(stamp(p));
        }
        return all.toString();
    }

    private static String stamp(Path p) throws IOException {
        return Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() + "/" + Files.size(p) : "-";
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        watcher.shutdownNow();
        watcher.awaitTermination(2, TimeUnit.SECONDS);
        store.remove(PID);
    }
}
