package edgebox.features.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import edgebox.features.repo.BootListWriter;
import edgebox.features.repo.BundleFile;
import edgebox.features.repo.BundleId;
import edgebox.features.repo.FeatureDefinition;
import edgebox.features.repo.FeatureException;
import edgebox.features.repo.FeatureReader;
import edgebox.features.repo.FeatureRepository;

/**
 * The built tree ({@code target/repo}): every feature file reads, every bundle it names lies in {@code system/} and
 * is a bundle, {@code full} is the union of the others, {@code boot.list} is the core feature.
 */
class FeatureFilesTest {

    static final Path REPO = Path.of(System.getProperty("edgebox.repo", "target/repo"));
    static FeatureRepository repository;
    static Map<String, FeatureDefinition> features;

    @BeforeAll
    static void load() {
        repository = new FeatureRepository(REPO.resolve("features"), REPO.resolve("system"), new FeatureReader());
        FeatureRepository.Catalog catalog = repository.load();
        assertEquals(List.of(), catalog.problems());
        features = catalog.features();
    }

    @Test
    void theFeaturesAreThere() {
        assertEquals(Set.of("core", "proxy", "dns", "acme", "l2", "lb", "policy", "system", "full"), features.keySet());
        features.values().forEach(feature -> assertTrue(!feature.description().isBlank(), feature.name()));
    }

    @Test
    void everyBundleOfEveryFeatureIsABundleInSystem() throws FeatureException {
        for (FeatureDefinition feature : features.values()) {
            assertEquals(List.of(), repository.missing(feature));
            for (BundleId id : feature.bundles()) {
                BundleFile.read(repository.file(id));
            }
        }
    }

    @Test
    void systemHoldsOnlyNamedBundles() throws IOException {
        Set<Path> named = new TreeSet<>();
        features.values().forEach(feature -> feature.bundles().forEach(id -> named.add(repository.file(id))));
        try (Stream<Path> files = Files.walk(repository.repository())) {
            Set<Path> jars = new TreeSet<>(files.filter(f -> f.toString().endsWith(".jar")).toList());
            assertEquals(named, jars, "system/ and the bundles the features name differ");
        }
    }

    @Test
    void fullIsTheUnionOfEveryOtherFeature() {
        Set<BundleId> bundles = new LinkedHashSet<>();
        Map<String, Map<String, Object>> configurations = new HashMap<>();
        features.values().stream().filter(feature -> !feature.name().equals("full")).forEach(feature -> {
            bundles.addAll(feature.bundles());
            configurations.putAll(feature.configurations());
        });
        FeatureDefinition full = features.get("full");
        Set<BundleId> missing = new LinkedHashSet<>(bundles);
        full.bundles().forEach(missing::remove);
        Set<BundleId> extra = new LinkedHashSet<>(full.bundles());
        extra.removeAll(bundles);
        assertEquals(Set.of(), missing, "features/full.json: bundles: add these, named by other features");
        assertEquals(Set.of(), extra, "features/full.json: bundles: remove these, no other feature names them");
        assertEquals(full.bundles().size(), Set.copyOf(full.bundles()).size(), "features/full.json: a bundle twice");
        assertEquals(configurations, full.configurations(), "features/full.json: configurations");
    }

    @Test
    void bootListIsTheCoreFeatureWithFragmentsMarked() throws Exception {
        List<String> lines = Files.readAllLines(REPO.resolve("system/boot.list")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertEquals(BootListWriter.lines(repository, features.get("core")), lines);
        String nativeEpoll = lines.stream().filter(line -> line.startsWith("io.netty:netty-transport-native-epoll:"))
                .findFirst().orElseThrow();
        assertTrue(nativeEpoll.endsWith(":jar:linux-x86_64 " + BootListWriter.FRAGMENT), nativeEpoll);
        assertTrue(lines.indexOf(nativeEpoll) < lines.stream().filter(line -> line.startsWith(
                "io.netty:netty-transport-classes-epoll:")).findFirst().map(lines::indexOf).orElseThrow());
        assertEquals(features.get("core").bundles().size(), lines.size());
    }
}
