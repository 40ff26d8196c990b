package edgebox.config.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import edgebox.api.health.Health;
import edgebox.config.apply.ConfigControl;

class ConfigHealthTest {

    @Test
    void startingUpAndDegraded() {
        assertEquals(Health.Status.STARTING, ConfigHealth.of(new ConfigControl.Summary(false, 0, 0, 0, null, 0)).status());
        assertEquals(Health.up("3 configurations from 2 files"),
                ConfigHealth.of(new ConfigControl.Summary(true, 3, 2, 0, null, 0)));
        Health h = ConfigHealth.of(new ConfigControl.Summary(true, 3, 2, 1, "etc/a.cfg: a: port: bad", 0));
        assertEquals(Health.Status.DEGRADED, h.status());
        assertEquals("etc/a.cfg: a: port: bad", h.lastError());
    }

    @Test
    void filesWaitingForAFunctionLeaveTheBoxUp() {
        Health h = ConfigHealth.of(new ConfigControl.Summary(true, 3, 3, 0, null, 1));
        assertEquals(Health.Status.UP, h.status());
        assertTrue(h.detail().contains("1 waiting for a function to be installed"), h.detail());
    }
}
