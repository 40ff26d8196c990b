package edgebox.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.TypedConfig;

/** {@code edgebox.system} as the config bundle checks it and the component reads it. */
class SystemValidatorTest {

    private final SystemValidator validator = new SystemValidator();

    @Test
    void takesDurationsWithTheirUnitsAndThePathsOfTheImage() {
        assertEquals(List.of(), validator.validate("edgebox.system", Map.of()));
        Settings s = Settings.of(TypedConfig.of(SystemConfig.class, Map.of()), "/data/home");
        assertEquals(Duration.ofSeconds(60), s.goodAfter());
        assertEquals(Path.of("/data/home/data/system/slots.properties"), s.files().slotVersions());
        assertEquals(Path.of("/boot/efi/boot/grub/grubenv"), s.files().grubenv());
        assertEquals(Duration.ofMillis(500), Settings.duration("goodAfter", "500ms"));
        assertEquals(Duration.ofMinutes(2), Settings.duration("goodAfter", " 2m "));
        assertEquals(Duration.ofHours(24), Settings.duration("goodAfter", "24h"));
        assertEquals(Duration.ZERO, Settings.duration("goodAfter", "0s"));
    }

    @Test
    void refusesNamingTheField() {
        assertEquals(List.of(ConfigProblem.of("edgebox.system", "goodAfter", "\"60\" is not a duration such as 60s, "
                + "90s, 2m or 500ms")), validator.validate("edgebox.system", Map.of("goodAfter", "60")));
        assertEquals(List.of(ConfigProblem.of("edgebox.system", "goodAfter", "25h is longer than 24h")),
                validator.validate("edgebox.system", Map.of("goodAfter", "25h")));
        assertEquals(List.of(ConfigProblem.of("edgebox.system", "grubenv", "\"grubenv\" is not an absolute path")),
                validator.validate("edgebox.system", Map.of("grubenv", "grubenv")));
        assertEquals(List.of(ConfigProblem.of("edgebox.system", "slotVersions", "empty; a path is needed")),
                validator.validate("edgebox.system", Map.of("slotVersions", " ")));
    }
}
