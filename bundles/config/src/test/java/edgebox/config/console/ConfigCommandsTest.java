package edgebox.config.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.config.apply.ConfigControl;

class ConfigCommandsTest {

    @Test
    void listIsATableWithATotal() {
        String out = ConfigCommands.formatList(List.of(
                new ConfigControl.Row("edgebox.health", "etc/edgebox.health.cfg", "applied", ""),
                new ConfigControl.Row("lb~a", "etc/lb~a.cfg", "unchecked", ""),
                new ConfigControl.Row("x", "etc/x.cfg", "refused", "etc/x.cfg: x: port: bad")));
        assertEquals("""
                CONFIGURATION   SOURCE                  STATE      DETAIL
                edgebox.health  etc/edgebox.health.cfg  applied
                lb~a            etc/lb~a.cfg            unchecked  unchecked: no metatype
                x               etc/x.cfg               refused    etc/x.cfg: x: port: bad
                3 configurations, 1 refused""", out);
    }
}
