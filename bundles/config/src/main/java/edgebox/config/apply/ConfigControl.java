package edgebox.config.apply;

import java.util.List;
import java.util.Map;

/** What the console and the health check ask of the running config bundle. Plain: no OSGi types. */
public interface ConfigControl {

    /** One line of {@code config:list}. {@code state}: applied, unchecked, refused or external. */
    record Row(String config, String source, String state, String detail) {
    }

    /** Everything {@code config:show} prints for one configuration. */
    record Shown(String config, String source, String state, Map<String, String> properties, List<String> problems) {
    }

    /** The summary the health check reports; {@code loaded} once the first full scan is done. */
    record Summary(boolean loaded, int configurations, int files, int refusedFiles, String lastRefusal,
            int waitingFiles) {
    }

    List<Row> list() throws Exception;

    /** {@code null} when there is no such configuration and no file for it. */
    Shown show(String config) throws Exception;

    /**
     * Validates and writes {@code etc/PID.cfg}; returns what was done, or throws with the refusal. {@code user}: who
     * asked, as the revision will say.
     */
    String set(String config, Map<String, String> values, String user) throws Exception;

    /** Removes {@code etc/PID.cfg}; returns what was done, or throws with the refusal. */
    String delete(String config, String user) throws Exception;

    Summary summary();
}
