package edgebox.config.apply;

import java.io.IOException;
import java.util.Map;

import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;

/** Config Admin as the engine sees it. */
public interface ConfigStore {

    /** Every configuration Config Admin holds now, tagged or not. */
    Map<ConfigKey, Applied> all() throws IOException;

    /** Creates or updates a configuration (location {@code ?}: any bundle may consume it). */
    void put(ConfigKey key, Map<String, Object> properties) throws IOException;

    /** Deletes a configuration; nothing when there is none. */
    void delete(ConfigKey key) throws IOException;
}
