package edgebox.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import edgebox.features.install.ConfigHost;

/**
 * The installer's view of Config Admin. Configurations are created unbound ({@code "?"}): any bundle may use them.
 * A feature's default never replaces the operator's: a PID with a file in {@code etc/} counts as existing even
 * before the config bundle has applied it, and a configuration written in the meantime is left alone.
 */
final class ConfigAdminHost implements ConfigHost {

    private final ConfigurationAdmin admin;
    private final Path etc;

    ConfigAdminHost(ConfigurationAdmin admin, Path etc) {
        this.admin = admin;
        this.etc = etc;
    }

    @Override
    public boolean exists(String pid) throws IOException, InvalidSyntaxException {
        return find(pid) != null || Files.exists(etc.resolve(pid + ".cfg"));
    }

    @Override
    public void create(String pid, Map<String, Object> values, String feature) throws IOException {
        int tilde = pid.indexOf('~');
        Configuration configuration = tilde < 0 ? admin.getConfiguration(pid, "?")
                : admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
        if (configuration.getProperties() != null) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>(values);
        properties.put(FEATURE_TAG, feature);
        configuration.update(properties);
    }

    @Override
    public boolean deleteIfCreatedBy(String pid, String feature) throws IOException, InvalidSyntaxException {
        Configuration[] found = find(pid);
        boolean deleted = false;
        for (Configuration configuration : found == null ? new Configuration[0] : found) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null && feature.equals(properties.get(FEATURE_TAG))) {
                configuration.delete();
                deleted = true;
            }
        }
        return deleted;
    }

    private Configuration[] find(String pid) throws IOException, InvalidSyntaxException {
        return admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + escape(pid) + ")");
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
