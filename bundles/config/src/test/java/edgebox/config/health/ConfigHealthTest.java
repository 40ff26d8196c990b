package edgebox.config.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import edgebox.api.health.Health;
import edgebox.config.apply.ConfigControl;

class ConfigHealthTest {

    @Test
    void startingUpAndDegraded() {
        assertEquals(Health.Status.STARTING, ConfigHealth.of(new ConfigControl.Summary(false, 0, 0, 0, null)).status());
        assertEquals(Health.up("3 configurations from 2 files"),
                ConfigHealth.of(new ConfigControl.Summary(true, 3, 2, 0, null)));
        Health h = ConfigHealth.of(new ConfigControl.Summary(true, 3, 2, 1, "etc/a.cfg: a: port: bad"));
        assertEquals(Health.Status.DEGRADED, h.status());
        assertEquals("etc/a.cfg: a: port: bad", h.lastError());
    }
}
