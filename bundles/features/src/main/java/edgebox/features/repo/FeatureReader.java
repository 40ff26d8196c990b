package edgebox.features.repo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.apache.felix.cm.json.io.Configurations;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * Reads one OSGi Feature file (Compendium R8, chapter 159, JSON) with the Apache Felix feature reader, which this
 * bundle embeds together with its JSON implementation, and turns it into a {@link FeatureDefinition}. The same class
 * serves the runtime and the build ({@link BootListWriter}).
 */
public final class FeatureReader {

    private final FeatureService features;

    public FeatureReader() {
        ClassLoader own = FeatureReader.class.getClassLoader();
        this.features = withContextLoader(own, () -> ServiceLoader.load(FeatureService.class, own).findFirst()
                .orElseThrow(() -> new IllegalStateException("no org.osgi.service.feature.FeatureService on "
                        + own + ": META-INF/services entry missing")));
    }

    /** Reads {@code file}; its stem is the feature's name and must be the artifactId of its {@code id}. */
    public FeatureDefinition read(Path file) throws FeatureException {
        String where = file.getParent() == null ? file.toString()
                : file.getParent().getFileName() + "/" + file.getFileName();
        String name = stem(file);
        Feature feature;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            feature = withContextLoader(FeatureReader.class.getClassLoader(), () -> {
                try {
                    checkRequiredFields(text);
                    return features.readFeature(new StringReader(text));
                } catch (IOException e) {
                    throw new ReadFailure(e);
                }
            });
        } catch (ReadFailure e) {
            throw new FeatureException(where + ": " + reason(e.getCause()), e.getCause());
        } catch (IOException | RuntimeException e) {
            throw new FeatureException(where + ": " + reason(e), e);
        }
        ID id = feature.getID();
        if (!name.equals(id.getArtifactId())) {
            throw new FeatureException(where + ": id: artifactId '" + id.getArtifactId()
                    + "' must equal the file name '" + name + "'");
        }
        List<BundleId> bundles = new ArrayList<>();
        for (int i = 0; i < feature.getBundles().size(); i++) {
            bundles.add(bundleId(where + ": bundles[" + i + "].id", feature.getBundles().get(i)));
        }
        Map<String, Map<String, Object>> configurations = new TreeMap<>();
        for (Map.Entry<String, FeatureConfiguration> e : feature.getConfigurations().entrySet()) {
            configurations.put(e.getKey(), Collections.unmodifiableMap(new TreeMap<>(e.getValue().getValues())));
        }
        return new FeatureDefinition(name, id.toString(), feature.getName().orElse(name),
                feature.getDescription().orElse(""), bundles, configurations);
    }

    /** The feature name a definition file stands for: {@code features/dns.json} is {@code dns}. */
    public static String stem(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /** The Felix reader meets a missing {@code id} with a NullPointerException: name the field instead. */
    private static void checkRequiredFields(String text) throws IOException {
        JsonObject json;
        try (JsonReader reader = Json.createReader(Configurations.jsonCommentAwareReader(new StringReader(text)))) {
            json = reader.readObject();
        } catch (JsonException e) {
            throw new IOException(e.getMessage(), e);
        }
        requireString(json, "id", "id");
        JsonValue bundles = json.get("bundles");
        if (bundles == null) {
            return;
        }
        if (bundles.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IOException("bundles: must be an array");
        }
        JsonArray array = bundles.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IOException("bundles[" + i + "]: must be an object with an \"id\"");
            }
            requireString(array.getJsonObject(i), "id", "bundles[" + i + "].id");
        }
    }

    private static void requireString(JsonObject json, String key, String field) throws IOException {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw new IOException(field + ": " + (value == null ? "missing" : "must be a string")
                    + " (Maven coordinates groupId:artifactId[:type[:classifier]]:version)");
        }
    }

    private static BundleId bundleId(String where, FeatureBundle bundle) throws FeatureException {
        ID id = bundle.getID();
        String type = id.getType().orElse("jar");
        if (!"jar".equals(type)) {
            throw new FeatureException(where + ": '" + id + "': type '" + type + "' is not a bundle jar");
        }
        return new BundleId(id.getGroupId(), id.getArtifactId(), id.getVersion(), id.getClassifier().orElse(null));
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** jakarta.json looks its provider up through the context class loader first: point it at ours. */
    private static <T> T withContextLoader(ClassLoader loader, java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailure(IOException cause) {
            super(cause);
        }
    }
}
