package edgebox.features.repo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds feature folders and bundle jars in a temporary home for tests. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Writes a jar at {@code id}'s place under {@code repository} with the given manifest headers. */
    public static Path bundle(Path repository, BundleId id, String symbolicName, String version, String fragmentHost)
            throws IOException {
        Path file = id.repositoryPath(repository);
        Files.createDirectories(file.getParent());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        main.putValue("Bundle-Version", version);
        if (fragmentHost != null) {
            main.putValue("Fragment-Host", fragmentHost + ";bundle-version=\"[1,2)\"");
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    /** Writes {@code features/NAME.json} naming {@code bundles}, with {@code configurations} as JSON text. */
    public static Path feature(Path definitions, String name, String configurations, BundleId... bundles)
            throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"feature-resource-version\": \"1.0\",\n")
                .append("  \"id\": \"edgebox.feature:").append(name).append(":1.0.0\",\n")
                .append("  \"name\": \"The ").append(name).append(" feature\",\n")
                .append("  \"description\": \"test feature ").append(name).append("\",\n")
                .append("  \"bundles\": [");
        for (int i = 0; i < bundles.length; i++) {
            json.append(i == 0 ? "\n" : ",\n").append("    {\"id\": \"").append(bundles[i]).append("\"}");
        }
        json.append("\n  ]");
        if (configurations != null) {
            json.append(",\n  \"configurations\": ").append(configurations);
        }
        json.append("\n}\n");
        Files.createDirectories(definitions);
        Path file = definitions.resolve(name + ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
