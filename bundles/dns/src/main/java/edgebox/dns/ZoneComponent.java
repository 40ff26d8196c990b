package edgebox.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

/** One authoritative zone per factory configuration of {@value #PID}: parsed here, served from the store. */
@Component(service = {}, configurationPid = ZoneComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ZoneComponent.Config.class, factory = true)
public class ZoneComponent {

    static final String PID = "edgebox.dns.zone";

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
    }

    private final SourceStore store;
    private final String home;
    private String pid;

    @Activate
    public ZoneComponent(@Reference SourceStore store, BundleContext context, Config config,
            Map<String, Object> properties) {
        this.store = store;
        this.home = context.getProperty("edgebox.home");
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        pid = String.valueOf(properties.get("service.pid"));
        try {
            store.putZone(pid, parse(pid, config, home));
        } catch (IllegalArgumentException e) {
            store.refuse(pid, e.getMessage());
            throw e;
        }
    }

    static ZoneIndex parse(String object, Config c, String home) {
        if (!c.file().isBlank()) {
            try {
                String text = Files.readString(Home.resolve(home, c.file()), StandardCharsets.UTF_8);
                return ZoneParser.parse(object, "file " + c.file(), c.origin(), text);
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

    @Deactivate
    void deactivate() {
        store.remove(pid);
    }
}
