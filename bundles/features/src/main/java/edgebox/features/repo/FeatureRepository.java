package edgebox.features.repo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The features on disk: definitions in one folder ({@code features/NAME.json}), bundle files in a Maven-layout
 * repository ({@code system/}). Reads the files on every call, so a definition dropped in at run time is seen.
 */
public final class FeatureRepository {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Every readable definition by name, and one message per file that could not be read. */
    public record Catalog(Map<String, FeatureDefinition> features, List<String> problems) {
        public Catalog {
            features = java.util.Collections.unmodifiableMap(new TreeMap<>(features));
            problems = List.copyOf(problems);
        }
    }

    private final Path definitions;
    private final Path repository;
    private final FeatureReader reader;

    public FeatureRepository(Path definitions, Path repository, FeatureReader reader) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public Path definitions() {
        return definitions;
    }

    public Path repository() {
        return repository;
    }

    /** Reads every {@code *.json} of the definitions folder; a bad file is a problem, not a failure of the rest. */
    public Catalog load() {
        Map<String, FeatureDefinition> features = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(definitions)) {
            problems.add("features folder " + definitions + ": not a directory");
            return new Catalog(features, problems);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(definitions, "*.json")) {
            for (Path file : files) {
                try {
                    FeatureDefinition definition = reader.read(file);
                    features.put(definition.name(), definition);
                } catch (FeatureException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("features folder " + definitions + ": " + e.getMessage());
        }
        return new Catalog(features, problems);
    }

    /** Reads the definition of one feature. */
    public FeatureDefinition find(String name) throws FeatureException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new FeatureException("feature '" + name + "': not a valid name (letters, digits, '.', '_', '-')");
        }
        Path file = definitions.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            throw new FeatureException("feature '" + name + "': no definition " + file);
        }
        return reader.read(file);
    }

    /** Where the bundle's jar lies in the repository (whether or not it is there). */
    public Path file(BundleId id) {
        return id.repositoryPath(repository);
    }

    /** One message per bundle of the feature whose file is not in the repository; empty when all are there. */
    public List<String> missing(FeatureDefinition feature) {
        List<String> missing = new ArrayList<>();
        for (BundleId id : feature.bundles()) {
            Path file = file(id);
            if (!Files.isRegularFile(file)) {
                missing.add("feature '" + feature.name() + "': bundle " + id + ": file " + file + " not found");
            }
        }
        return missing;
    }
}
