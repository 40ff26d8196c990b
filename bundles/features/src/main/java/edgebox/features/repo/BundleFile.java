package edgebox.features.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** What the framework will see of a bundle jar before it is installed: symbolic name, version, fragment or not. */
public record BundleFile(Path path, String symbolicName, String version, String fragmentHost) {

    /** Whether the jar is a fragment: installed, attached to its host, never started. */
    public boolean fragment() {
        return fragmentHost != null;
    }

    /** Reads the manifest of {@code path}; the message names the file and what is wrong with it. */
    public static BundleFile read(Path path) throws FeatureException {
        Manifest manifest;
        try (JarFile jar = new JarFile(path.toFile())) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            throw new FeatureException("bundle file " + path + ": cannot be read as a jar: " + e.getMessage(), e);
        }
        Attributes main = manifest == null ? null : manifest.getMainAttributes();
        String name = main == null ? null : main.getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new FeatureException("bundle file " + path + ": Bundle-SymbolicName: missing, not an OSGi bundle");
        }
        String symbolicName = stripParameters(name);
        String version = main.getValue("Bundle-Version");
        String host = main.getValue("Fragment-Host");
        try {
            return new BundleFile(path, symbolicName, normalizeVersion(version), host == null ? null : stripParameters(host));
        } catch (NumberFormatException e) {
            throw new FeatureException("bundle file " + path + ": Bundle-Version '" + version + "': not an OSGi version");
        }
    }

    private static String stripParameters(String header) {
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim();
    }

    /** An OSGi version in its canonical text: {@code 1.2} is {@code 1.2.0}, a missing version is {@code 0.0.0}. */
    public static String normalizeVersion(String version) {
        if (version == null || version.isBlank()) {
            return "0.0.0";
        }
        String[] parts = version.trim().split("\\.", 4);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            text.append(i == 0 ? "" : ".").append(i < parts.length ? Integer.parseInt(parts[i]) : 0);
        }
        if (parts.length == 4 && !parts[3].isEmpty()) {
            text.append('.').append(parts[3]);
        }
        return text.toString();
    }
}
