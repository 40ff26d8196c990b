package edgebox.features.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.features.repo.BundleFile;
import edgebox.features.repo.FeatureException;

/** A framework and a Config Admin in memory, recording what the installer asked of them. */
final class FakeHosts {

    /** A framework: installs read the jar's manifest like the real one does. */
    static final class Bundles implements BundleHost {
        final Map<Long, Present> bundles = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final Set<String> failToStart = new HashSet<>();
        int refreshes;
        private long next = 1;

        long preinstall(String symbolicName, String version, boolean fragment, boolean started) {
            long id = next++;
            bundles.put(id, new Present(id, symbolicName, version, fragment, started));
            return id;
        }

        @Override
        public List<Present> bundles() {
            return List.copyOf(bundles.values());
        }

        @Override
        public long install(String location) throws FeatureException {
            BundleFile file = BundleFile.read(Path.of(java.net.URI.create(location)));
            calls.add("install " + file.symbolicName());
            return preinstall(file.symbolicName(), file.version(), file.fragment(), false);
        }

        @Override
        public void start(long id) throws Exception {
            Present bundle = bundles.get(id);
            calls.add("start " + bundle.symbolicName());
            if (failToStart.contains(bundle.symbolicName())) {
                throw new Exception("Unable to resolve " + bundle.symbolicName() + ": missing requirement");
            }
            bundles.put(id, new Present(id, bundle.symbolicName(), bundle.version(), bundle.fragment(), true));
        }

        @Override
        public void stop(long id) {
            Present bundle = bundles.get(id);
            calls.add("stop " + bundle.symbolicName());
            bundles.put(id, new Present(id, bundle.symbolicName(), bundle.version(), bundle.fragment(), false));
        }

        @Override
        public void uninstall(long id) {
            calls.add("uninstall " + bundles.remove(id).symbolicName());
        }

        @Override
        public void refresh() {
            refreshes++;
        }
    }

    /** Config Admin: PID to properties. */
    static final class Configs implements ConfigHost {
        final Map<String, Map<String, Object>> configurations = new HashMap<>();

        @Override
        public boolean exists(String pid) {
            return configurations.containsKey(pid);
        }

        @Override
        public void create(String pid, Map<String, Object> values, String feature) throws IOException {
            Map<String, Object> properties = new HashMap<>(values);
            properties.put(FEATURE_TAG, feature);
            configurations.put(pid, properties);
        }

        @Override
        public boolean deleteIfCreatedBy(String pid, String feature) {
            Map<String, Object> properties = configurations.get(pid);
            if (properties != null && feature.equals(properties.get(FEATURE_TAG))) {
                configurations.remove(pid);
                return true;
            }
            return false;
        }
    }

    private FakeHosts() {
    }
}
