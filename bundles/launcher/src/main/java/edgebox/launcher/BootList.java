package edgebox.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code system/boot.list}: the core bundles the launcher installs and starts itself, in order. One Maven id a line,
 * {@code groupId:artifactId:version[:type[:classifier]]}, a trailing {@code fragment} marks a fragment; blank lines
 * and lines starting with {@code #} are skipped.
 */
final class BootList {

    /** One bundle of the list and where it lies in the Maven-layout {@code system/} repository. */
    record Entry(String groupId, String artifactId, String version, String type, String classifier,
                 boolean fragment) {

        /** The jar's path relative to {@code system/}. */
        String path() {
            String file = artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + file;
        }

        String id() {
            return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + type + ":" + classifier);
        }
    }

    private BootList() {
    }

    static List<Entry> read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file));
    }

    static List<Entry> parse(String source, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entries.add(parseLine(source + ":" + (i + 1), line));
        }
        return List.copyOf(entries);
    }

    private static Entry parseLine(String where, String line) {
        String[] words = line.split("\\s+");
        boolean fragment = false;
        if (words.length == 2 && words[1].equals("fragment")) {
            fragment = true;
        } else if (words.length != 1) {
            throw new IllegalArgumentException(where + ": '" + line
                    + "': expected groupId:artifactId:version[:type[:classifier]] [fragment]");
        }
        String[] parts = words[0].split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException(where + ": '" + words[0]
                    + "': expected 3 to 5 parts groupId:artifactId:version[:type[:classifier]], found " + parts.length);
        }
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + words[0] + "': part " + (p + 1) + " is empty");
            }
        }
        String type = parts.length > 3 ? parts[3] : "jar";
        String classifier = parts.length > 4 ? parts[4] : "";
        return new Entry(parts[0], parts[1], parts[2], type, classifier, fragment);
    }
}
