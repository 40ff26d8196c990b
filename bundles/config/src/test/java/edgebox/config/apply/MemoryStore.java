package edgebox.config.apply;

import java.util.HashMap;
import java.util.Map;

import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;

/** Config Admin in a map, counting writes. */
final class MemoryStore implements ConfigStore {

    final Map<ConfigKey, Map<String, Object>> configs = new HashMap<>();
    int writes;

    @Override
    public Map<ConfigKey, Applied> all() {
        Map<ConfigKey, Applied> out = new HashMap<>();
        configs.forEach((k, v) -> out.put(k, Applied.of(k, v)));
        return out;
    }

    @Override
    public void put(ConfigKey key, Map<String, Object> properties) {
        writes++;
        configs.put(key, Map.copyOf(properties));
    }

    @Override
    public void delete(ConfigKey key) {
        configs.remove(key);
    }
}
