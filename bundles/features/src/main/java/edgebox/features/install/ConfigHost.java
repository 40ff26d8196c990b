package edgebox.features.install;

import java.util.Map;

/** The Config Admin operations the installer needs; PIDs may be {@code factoryPid~name}. */
public interface ConfigHost {

    /** The property naming the feature that created a configuration. */
    String FEATURE_TAG = "edgebox.feature";

    boolean exists(String pid) throws Exception;

    /** Creates the configuration with {@code values} plus {@link #FEATURE_TAG}{@code =feature}. */
    void create(String pid, Map<String, Object> values, String feature) throws Exception;

    /** Deletes the configuration if it exists and carries {@link #FEATURE_TAG}{@code =feature}; true if deleted. */
    boolean deleteIfCreatedBy(String pid, String feature) throws Exception;
}
