package edgebox.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edgebox.system.slot.SystemFiles;

/** The checked values of {@code edgebox.system}; a wrong one is refused as {@code field: reason}. */
record Settings(Duration goodAfter, SystemFiles files) {

    static final String PID = "edgebox.system";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Duration MAX_GOOD_AFTER = Duration.ofHours(24);

    static Settings of(SystemConfig config, String home) {
        Path base = home == null ? Path.of("") : Path.of(home);
        return new Settings(duration("goodAfter", config.goodAfter()), new SystemFiles(
                absolute("cmdline", config.cmdline()), absolute("blockDevices", config.blockDevices()),
                absolute("devices", config.devices()), absolute("grubenv", config.grubenv()),
                absolute("release", config.release()), absolute("upgradeKey", config.upgradeKey()),
                base.resolve(path("slotVersions", config.slotVersions()))));
    }

    static Duration duration(String field, String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" is not a duration such as 60s, 90s, 2m "
                    + "or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.compareTo(MAX_GOOD_AFTER) > 0) {
            throw new IllegalArgumentException(field + ": " + value + " is longer than 24h");
        }
        return d;
    }

    private static Path absolute(String field, String value) {
        Path p = path(field, value);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" is not an absolute path");
        }
        return p;
    }

    private static Path path(String field, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": empty; a path is needed");
        }
        return Path.of(value.strip());
    }
}
