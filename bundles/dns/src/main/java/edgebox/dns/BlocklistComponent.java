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

import edgebox.dns.block.BlockListParser;
import edgebox.dns.block.BlockMode;
import edgebox.dns.block.FilterList;

/**
 * One blocklist file per factory configuration of {@value #PID}: read at activation and again whenever its
 * modification time or size changes (checked every {@code reloadSeconds} on the component's own thread). A file
 * that cannot be read keeps the last good list serving and shows as a problem. Each load logs its rule count and
 * the milliseconds from reading the file to the rules answering (the chain swapped).
 */
@Component(service = {}, configurationPid = BlocklistComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BlocklistComponent.Config.class, factory = true)
public class BlocklistComponent {

    static final String PID = "edgebox.dns.blocklist";
    private static final System.Logger LOG = System.getLogger(PID);
    private static final int LOGGED_REFUSALS = 20;

    @ObjectClassDefinition(name = "edgebox DNS blocklist", description = "A blocklist file in hosts or AdGuard basic "
            + "syntax")
    public @interface Config {

        @AttributeDefinition(description = "The list file (relative to the home)")
        String file();

        @AttributeDefinition(description = "Answer for blocked names: nxdomain, or zero (0.0.0.0 and ::)")
        String mode() default "nxdomain";

        @AttributeDefinition(description = "Seconds between checks of the file for changes")
        int reloadSeconds() default 2;
    }

    private final SourceStore store;
    private final String pid;
    private final Path file;
    private final BlockMode mode;
    private final ScheduledExecutorService watcher;
    private String seen = "";

    @Activate
    public BlocklistComponent(@Reference SourceStore store, BundleContext context, Config config,
            Map<String, Object> properties) {
        this.store = store;
        this.pid = String.valueOf(properties.get("service.pid"));
        this.mode = BlockMode.parse(pid, config.mode());
        this.file = Home.resolve(context.getProperty("edgebox.home"), config.file());
        load();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edgebox-dns-blocklist"));
        long every = Math.max(1, config.reloadSeconds());
        watcher.scheduleWithFixedDelay(this::load, every, every, TimeUnit.SECONDS);
    }

    private void load() {
        try {
            String stamp = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
            if (stamp.equals(seen)) {
                return;
            }
            long start = System.nanoTime();
            byte[] text = Files.readAllBytes(file);
            long read = System.nanoTime();
            FilterList list = BlockListParser.parse(file.getFileName().toString(), text, mode, false);
            long parsed = System.nanoTime();
            store.putBlocklist(pid, list);
            long inForce = System.nanoTime();
            seen = stamp;
            logRefusals(pid, List.of(list), LOG);
            LOG.log(Level.INFO, pid + ": " + file + ": " + list.size() + " rules (" + list.exceptions()
                    + " exceptions, " + list.unsupported() + " lines refused) in force after "
                    + millis(inForce - start) + " ms (read " + millis(read - start) + " ms, parsed "
                    + millis(parsed - read) + " ms, chain " + millis(inForce - parsed) + " ms)");
        } catch (IOException | RuntimeException e) {
            String reason = pid + ": file: " + file + ": cannot be read: " + e;
            if (!reason.equals(store.problems().get(pid))) {
                LOG.log(Level.WARNING, reason);
                store.refuse(pid, reason);
            }
        }
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** The first {@value #LOGGED_REFUSALS} refused lines of the lists, then how many more ({@code dns:blocklists}). */
    static void logRefusals(String pid, List<FilterList> lists, System.Logger log) {
        int shown = 0;
        int all = 0;
        for (FilterList f : lists) {
            all += f.unsupported();
            for (String r : f.refusals()) {
                if (shown++ < LOGGED_REFUSALS) {
                    log.log(Level.INFO, pid + ": rule refused: " + r);
                }
            }
        }
        if (all > LOGGED_REFUSALS) {
            log.log(Level.INFO, pid + ": " + (all - LOGGED_REFUSALS) + " more rules refused (dns:blocklists)");
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        watcher.shutdownNow();
        watcher.awaitTermination(2, TimeUnit.SECONDS);
        store.remove(pid);
    }
}
