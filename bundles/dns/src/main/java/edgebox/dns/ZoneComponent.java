package edgebox.dns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import edgebox.dns.zone.ZoneIndex;
import edgebox.dns.zone.ZoneParser;

/**
 * One authoritative zone per factory configuration of {@value #PID}: parsed here, served from the store. A zone
 * file is read again whenever its modification time or size changes (checked every {@code reloadSeconds} on the
 * component's own thread); the new zone replaces the old one whole, and one that does not parse leaves the old one
 * serving and shows as a problem naming the file, the line and the reason.
 */
@Component(service = {}, configurationPid = ZoneComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ZoneComponent.Config.class, factory = true)
public class ZoneComponent {

    static final String PID = "edgebox.dns.zone";
    private static final System.Logger LOG = System.getLogger(PID);

    @ObjectClassDefinition(name = "edgebox DNS zone", description = "An authoritative zone: an RFC 1035 zone file or "
            + "zone-file lines; SOA and NS are made up when missing")
    public @interface Config {

        @AttributeDefinition(description = "The zone's origin, e.g. demo.localhost.")
        String origin();

        @AttributeDefinition(description = "RFC 1035 zone file (relative to the home); empty: use records",
                required = false)
        String file() default "";

        @AttributeDefinition(description = "Zone-file lines (relative names are below the origin), e.g. "
                + "'www 300 IN A 127.0.0.1'", required = false)
        String[] records() default {};

        @AttributeDefinition(description = "Seconds between checks of the zone file for changes")
        int reloadSeconds() default 2;
    }

    private final SourceStore store;
    private final String home;
    private String pid;
    private ScheduledExecutorService watcher;

    @Activate
    public ZoneComponent(@Reference SourceStore store, BundleContext context, Config config,
            Map<String, Object> properties) {
        this(store, context.getProperty("edgebox.home"), config, properties);
    }

    ZoneComponent(SourceStore store, String home, Config config, Map<String, Object> properties) {
        this.store = store;
        this.home = home;
        modified(config, properties);
    }

    @Modified
    synchronized void modified(Config config, Map<String, Object> properties) {
        stopWatching();
        pid = String.valueOf(properties.get("service.pid"));
        try {
            store.putZone(pid, parse(pid, config, home));
        } catch (IllegalArgumentException e) {
            store.refuse(pid, e.getMessage());
            throw e;
        }
        if (!config.file().isBlank()) {
            watch(pid, config, Home.resolve(home, config.file()));
        }
    }

    private void watch(String object, Config config, Path file) {
        String[] seen = {stamp(file)};
        watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edgebox-dns-zone"));
        long every = Math.max(1, config.reloadSeconds());
        watcher.scheduleWithFixedDelay(() -> {
            String now = stamp(file);
            if (!now.equals(seen[0])) {
                seen[0] = now;
                reload(object, config);
            }
        }, every, every, TimeUnit.SECONDS);
    }

    private void reload(String object, Config config) {
        try {
            store.putZone(object, parse(object, config, home));
            LOG.log(Level.INFO, object + ": file " + config.file() + " read again");
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, e.getMessage() + " (the zone read before keeps serving)");
            store.refuse(object, e.getMessage());
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }

    static ZoneIndex parse(String object, Config c, String home) {
        if (!c.file().isBlank()) {
            Path file = Home.resolve(home, c.file());
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                return ZoneParser.parse(object, "file " + file, c.origin(), text);
            } catch (IOException e) {
                throw new IllegalArgumentException(object + ": file: " + c.file() + ": cannot be read: " + e, e);
            }
        }
        return ZoneParser.parse(object, "records", c.origin(), String.join("\n", lines(c.records())));
    }

    /**
     * The record lines. A single value holding unescaped commas is a list Config Admin got as one string (written
     * before the metatype was known): it is split the way {@code .cfg} lists are, {@code \,} keeping a comma.
     */
    static List<String> lines(String[] records) {
        if (records.length != 1 || !records[0].matches("(?s).*(?<!\\\\),.*")) {
            return List.of(records);
        }
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        String s = records[0];
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == ',' || s.charAt(i + 1) == '\\')) {
                b.append(s.charAt(++i));
            } else if (ch == ',') {
                out.add(b.toString().trim());
                b.setLength(0);
            } else {
                b.append(ch);
            }
        }
        out.add(b.toString().trim());
        return out;
    }

    private void stopWatching() {
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                watcher.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watcher = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopWatching();
        store.remove(pid);
    }
}
