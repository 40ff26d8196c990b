package edgebox.health.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigDeliveryTest {

    @Test
    void deliveredWhenEveryHeldValueIsThere() {
        Map<String, Object> held = Map.of("service.pid", "edgebox.health", "port", 19090, "address", "127.0.0.1");
        Map<String, Object> component = Map.of("component.name", "x", "service.pid", "edgebox.health",
                "port", 19090, "address", "127.0.0.1");
        assertNull(ConfigDelivery.firstPending(held, component));
    }

    @Test
    void pendingWhileTheComponentRunsOnOldOrDefaultValues() {
        Map<String, Object> held = Map.of("port", 19090);
        assertEquals("port", ConfigDelivery.firstPending(held, Map.of("port", 9090)));
        assertEquals("port", ConfigDelivery.firstPending(held, Map.of()));
    }

    @Test
    void listsCompareByElementsWhateverTheirContainer() {
        Map<String, Object> held = Map.of("boot", List.of("core", "dns"));
        assertNull(ConfigDelivery.firstPending(held, Map.of("boot", new String[] {"core", "dns"})));
        assertEquals("boot", ConfigDelivery.firstPending(held, Map.of("boot", new String[] {"core"})));
    }

    @Test
    void bookkeepingPropertiesAreIgnored() {
        Map<String, Object> held = Map.of("service.factoryPid", "f", "service.bundleLocation", "?", "a", "1");
        assertNull(ConfigDelivery.firstPending(held, Map.of("a", "1")));
    }
}
