package edgebox.config.apply;

import java.util.HashMap;
import java.util.Map;

import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;

/** A Config Admin in a map, for a rehearsal: what a set of files would make of it, with nothing delivered. */
public final class MapStore implements ConfigStore {

    private final Map<ConfigKey, Applied> configs = new HashMap<>();

    public MapStore(Map<ConfigKey, Applied> start) {
        configs.putAll(start);
    }

    @Override
    public Map<ConfigKey, Applied> all() {
        return new HashMap<>(configs);
    }

    @Override
    public void put(ConfigKey key, Map<String, Object> properties) {
        configs.put(key, Applied.of(key, properties));
    }

    @Override
    public void delete(ConfigKey key) {
        configs.remove(key);
    }
}
