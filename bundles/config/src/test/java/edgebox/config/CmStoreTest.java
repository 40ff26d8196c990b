package edgebox.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CmStoreTest {

    @Test
    void theTypedFormOfWhatIsHeldAsStringsIsNotAChange() {
        Hashtable<String, Object> held = new Hashtable<>(Map.of("service.pid", "edgebox.dns", "port", "53",
                "recursion", "true", "networks", new String[] {"127.0.0.0/8", "::1/128"}));
        assertTrue(CmStore.sameText(held, Map.of("port", 53, "recursion", true,
                "networks", new String[] {"127.0.0.0/8", "::1/128"})));
        assertFalse(CmStore.sameText(held, Map.of("port", 5353, "recursion", true,
                "networks", new String[] {"127.0.0.0/8", "::1/128"})), "a value changed");
        assertFalse(CmStore.sameText(held, Map.of("port", 53, "recursion", true)), "a key is gone");
        assertFalse(CmStore.sameText(held, Map.of("port", 53, "recursion", true,
                "networks", "127.0.0.0/8,::1/128")), "one string is not the list it may be split into");
    }
}
