package edgebox.config.history;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import edgebox.config.model.EtcFile;

/**
 * One revision: its header and the text of every configuration file in force then, enough to restore it.
 *
 * @param files by name, sorted
 */
public record Revision(RevisionInfo info, Map<EtcFile, String> files) {

    public Revision {
        Objects.requireNonNull(info, "info");
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public int number() {
        return info.number();
    }
}
