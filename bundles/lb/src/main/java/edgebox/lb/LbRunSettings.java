package edgebox.lb;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import edgebox.api.net.Cidr;
import edgebox.lb.engine.EngineSettings;
import edgebox.lb.health.GoDuration;
import edgebox.lb.health.HealthDefaults;
import edgebox.lb.io.PacketPaths;
import edgebox.lb.plan.LbSettings;

/**
 * The load balancer's settings ({@code edgebox.lb}) read and checked once: where it runs, how it picks backends,
 * how its engine runs and how backends are checked by default.
 */
public record LbRunSettings(List<String> interfaces, String packetPath, LbSettings plan, EngineSettings engine,
        HealthDefaults health, boolean hostIntegration) {

    public static final String PID = "edgebox.lb";

    public LbRunSettings {
        interfaces = List.copyOf(interfaces);
    }

    /** The settings {@code config} holds; the message of the IllegalArgumentException names the field. */
    static LbRunSettings of(LbConfig config) {
        List<String> interfaces = Arrays.stream(config.interfaces())
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
        for (String name : interfaces) {
            if (!name.matches("[A-Za-z0-9_.:@-]{1,15}")) {
                throw new IllegalArgumentException("interfaces: \"" + name + "\" is not an interface name");
            }
        }
        if (!PacketPaths.NAMES.contains(config.packetPath())) {
            throw new IllegalArgumentException("packetPath: \"" + config.packetPath() + "\" is not one of "
                    + PacketPaths.NAMES);
        }
        LbSettings plan = field("tableSize", () -> new LbSettings(config.tableSize(), config.seed()));
        EngineSettings engine = field("connectionTableSize", () -> new EngineSettings(config.connectionTableSize(),
                EngineSettings.DEFAULT.timeouts(), EngineSettings.DEFAULT.portOptions(),
                router("router4", config.router4()), router("router6", config.router6()),
                EngineSettings.DEFAULT.neighbours()));
        HealthDefaults health = field("health", () -> new HealthDefaults(HealthDefaults.DEFAULT.path(),
                duration("healthInterval", config.healthInterval()), duration("healthTimeout", config.healthTimeout()),
                config.healthyThreshold(), config.unhealthyThreshold()));
        return new LbRunSettings(interfaces, config.packetPath(), plan, engine, health, config.hostIntegration());
    }

    private static InetAddress router(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.contains("/")) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is a prefix, not an address");
        }
        try {
            return Cidr.address(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not an IP address");
        }
    }

    private static Duration duration(String field, String text) {
        Duration d = GoDuration.parse(text == null ? "" : text.strip());
        if (d == null) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not a duration such as 5s or 500ms");
        }
        return d;
    }

    private static <T> T field(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(m.contains(field) ? m : field + ": " + m, e);
        }
    }
}
