package edgebox.lb;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import edgebox.api.net.Cidr;
import edgebox.api.packet.PortOptions;
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
        LbSettings plan = field(Map.of("tableSize", "tableSize"),
                () -> new LbSettings(config.tableSize(), config.seed()));
        InetAddress router4 = router("router4", config.router4());
        InetAddress router6 = router("router6", config.router6());
        PortOptions ports = portOptions(config);
        EngineSettings engine = field(Map.of("connectionCapacity", "connectionTableSize", "router4", "router4",
                "router6", "router6"), () -> new EngineSettings(config.connectionTableSize(),
                        EngineSettings.DEFAULT.timeouts(), ports, router4, router6,
                        EngineSettings.DEFAULT.neighbours()));
        Duration interval = duration("healthInterval", config.healthInterval());
        Duration timeout = duration("healthTimeout", config.healthTimeout());
        HealthDefaults health = field(Map.of("interval", "healthInterval", "timeout", "healthTimeout",
                "rise", "healthyThreshold", "fall", "unhealthyThreshold"),
                () -> new HealthDefaults(HealthDefaults.DEFAULT.path(), interval, timeout, config.healthyThreshold(),
                        config.unhealthyThreshold()));
        return new LbRunSettings(interfaces, config.packetPath(), plan, engine, health, config.hostIntegration());
    }

    private static PortOptions portOptions(LbConfig config) {
        if (config.bufferMegabytes() < 1 || config.bufferMegabytes() > 1024) {
            throw new IllegalArgumentException("bufferMegabytes: must be 1..1024, was " + config.bufferMegabytes());
        }
        if (config.batch() < 1 || config.batch() > 4096) {
            throw new IllegalArgumentException("batch: must be 1..4096, not " + config.batch());
        }
        return new PortOptions(config.batch(), config.bufferMegabytes() << 20, PortOptions.DEFAULT.snapLength());
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

    /**
     * Builds with {@code build}; its refusal, which names a field of the built type ("load balancer settings:
     * tableSize: must be ..."), is said again of the configuration's field {@code fields} maps it to.
     */
    private static <T> T field(Map<String, String> fields, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int at = -1;
            String inner = null;
            for (String name : fields.keySet()) {
                int i = m.indexOf(name + ": ");
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    inner = name;
                }
            }
            if (inner == null) {
                throw e;
            }
            throw new IllegalArgumentException(fields.get(inner) + ": " + m.substring(at + inner.length() + 2), e);
        }
    }
}
