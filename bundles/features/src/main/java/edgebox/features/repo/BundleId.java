package edgebox.features.repo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A bundle named by a feature, as Maven coordinates. Knows its file in the Maven-layout {@code system/}
 * repository and its line in {@code system/boot.list}.
 */
public record BundleId(String groupId, String artifactId, String version, String classifier) {

    public BundleId {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        classifier = classifier == null || classifier.isEmpty() ? null : classifier;
    }

    /** The file's path relative to the repository root: {@code g/r/o/u/p/artifact/version/artifact-version[-classifier].jar}. */
    public Path repositoryPath(Path repository) {
        String file = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        return repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version).resolve(file);
    }

    /** {@code groupId:artifactId:version[:jar:classifier]}, the form of {@code system/boot.list}. */
    public String bootListForm() {
        return groupId + ":" + artifactId + ":" + version + (classifier == null ? "" : ":jar:" + classifier);
    }

    /** The Feature format's form: {@code groupId:artifactId[:jar:classifier]:version}. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + (classifier == null ? "" : ":jar:" + classifier) + ":" + version;
    }

    /** Parses the boot.list form; the inverse of {@link #bootListForm()}. */
    public static BundleId parseBootListForm(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length == 3) {
            return new BundleId(parts[0], parts[1], parts[2], null);
        }
        if (parts.length == 5 && "jar".equals(parts[3])) {
            return new BundleId(parts[0], parts[1], parts[2], parts[4]);
        }
        throw new IllegalArgumentException("bundle id '" + text + "': expected groupId:artifactId:version[:jar:classifier]");
    }
}
