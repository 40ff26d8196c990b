package edgebox.features.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step: writes {@code system/boot.list} from a feature definition (the core feature), one
 * {@code groupId:artifactId:version[:jar:classifier]} a line in the feature's order, each fragment moved just before
 * its host and marked with a trailing {@code " fragment"}. The launcher installs the lines in order, then starts
 * every line that is not a fragment. Run by the {@code feature-definitions} module's build:
 * {@code BootListWriter DEFINITIONS SYSTEM FEATURE OUTPUT}.
 */
public final class BootListWriter {

    /** The mark after the id of a fragment line. */
    public static final String FRAGMENT = "fragment";

    private BootListWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BootListWriter DEFINITIONS_DIR SYSTEM_DIR FEATURE OUTPUT_FILE");
            System.exit(2);
        }
        Path system = Path.of(args[1]);
        FeatureRepository repository = new FeatureRepository(Path.of(args[0]), system, new FeatureReader());
        List<String> lines;
        try {
            lines = lines(repository, repository.find(args[2]));
        } catch (FeatureException e) {
            throw new IllegalStateException("boot.list from feature '" + args[2] + "': " + e.getMessage(), e);
        }
        Path output = Path.of(args[3]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        List<String> text = new ArrayList<>();
        text.add("# generated from features/" + args[2] + ".json by " + BootListWriter.class.getName() + ": do not edit");
        text.addAll(lines);
        Files.write(output, text, StandardCharsets.UTF_8);
        System.out.println("wrote " + output + ": " + lines.size() + " bundles of feature '" + args[2] + "'");
    }

    /** The boot.list lines of {@code feature}; every bundle file must be in the repository. */
    public static List<String> lines(FeatureRepository repository, FeatureDefinition feature) throws FeatureException {
        List<String> missing = repository.missing(feature);
        if (!missing.isEmpty()) {
            throw new FeatureException(String.join("; ", missing));
        }
        Map<BundleId, BundleFile> files = new LinkedHashMap<>();
        for (BundleId id : feature.bundles()) {
            files.put(id, BundleFile.read(repository.file(id)));
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<BundleId, BundleFile> host : files.entrySet()) {
            if (host.getValue().fragment()) {
                if (files.values().stream().noneMatch(f -> f.symbolicName().equals(host.getValue().fragmentHost()))) {
                    throw new FeatureException("feature '" + feature.name() + "': bundle " + host.getKey()
                            + ": fragment host '" + host.getValue().fragmentHost() + "' is not in the feature");
                }
                continue;
            }
            for (Map.Entry<BundleId, BundleFile> fragment : files.entrySet()) {
                if (host.getValue().symbolicName().equals(fragment.getValue().fragmentHost())) {
                    lines.add(fragment.getKey().bootListForm() + " " + FRAGMENT);
                }
            }
            lines.add(host.getKey().bootListForm());
        }
        return lines;
    }
}
