package edgebox.health.readiness;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a component configuration runs on what Config Admin holds now. Config Admin hands updates to SCR on its
 * own thread, so for a moment after a change the component still runs on the old values (or on its defaults, at
 * boot): the box is not ready until every held configuration has reached its component.
 */
public final class ConfigDelivery {

    /** Properties Config Admin adds that a component never sees as they are held. */
    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid", "service.bundleLocation");

    private ConfigDelivery() {
    }

    /**
     * @param held      the configuration's properties in Config Admin
     * @param component the component configuration's properties as SCR reports them
     * @return the first property whose value the component does not have yet, or {@code null} when it has them all
     */
    public static String firstPending(Map<String, Object> held, Map<String, Object> component) {
        for (Map.Entry<String, Object> e : held.entrySet()) {
            if (BOOKKEEPING.contains(e.getKey())) {
                continue;
            }
            if (!normalize(e.getValue()).equals(normalize(component.get(e.getKey())))) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Arrays and collections compare by their elements, in order; scalars by their text (SCR's DTOs may convert). */
    private static Object normalize(Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(normalize(Array.get(value, i)));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                out.add(normalize(o));
            }
            return out;
        }
        return String.valueOf(value);
    }
}
