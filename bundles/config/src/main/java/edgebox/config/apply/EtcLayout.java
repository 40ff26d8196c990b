package edgebox.config.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import edgebox.config.cfg.CfgFile;
import edgebox.config.model.EtcFile;

/**
 * Where the configuration files are: the home, the folder of {@code .cfg} files and the folder of manifests, and
 * which paths count as which. Only names and listings; nothing here reads a file's content.
 */
public final class EtcLayout {

    private final Path home;
    private final Path etc;
    private final Path manifests;

    /** Relative {@code etc} and {@code manifests} are resolved against {@code home}. */
    public EtcLayout(Path home, Path etc, Path manifests) {
        this.home = home.toAbsolutePath().normalize();
        this.etc = this.home.resolve(etc).normalize();
        this.manifests = this.home.resolve(manifests).normalize();
    }

    public Path home() {
        return home;
    }

    public Path etc() {
        return etc;
    }

    public Path manifests() {
        return manifests;
    }

    /** The file a path stands for, relative to the home with {@code /}: {@code etc/manifests/web.yaml}. */
    public String source(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path rel = abs.startsWith(home) ? home.relativize(abs) : abs;
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    /** Whether a path is a {@code PID.cfg} or {@code FACTORY~name.cfg} of the etc folder. */
    public boolean isCfg(Path abs) {
        return etc.equals(abs.getParent()) && CfgFile.keyOf(abs.getFileName().toString()) != null;
    }

    /** Whether a path is a {@code .yaml} or {@code .yml} of the manifests folder (not hidden). */
    public boolean isManifest(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        return manifests.equals(abs.getParent()) && !name.startsWith(".")
                && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** The revision name of a watched file, or {@code null} when the path is none. */
    public EtcFile etcFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (isManifest(abs)) {
            return new EtcFile(true, abs.getFileName().toString());
        }
        return isCfg(abs) ? new EtcFile(false, abs.getFileName().toString()) : null;
    }

    /** Where a file lives in this box. */
    public Path path(EtcFile file) {
        return (file.manifest() ? manifests : etc).resolve(file.name());
    }

    /** Every {@code .cfg} of the etc folder and every manifest, sorted; hidden files left out. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>(list(etc, ".cfg"));
        out.addAll(list(manifests, ".yaml", ".yml"));
        return out;
    }

    private static List<Path> list(Path dir, String... suffixes) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                for (String suffix : suffixes) {
                    if (name.endsWith(suffix) && !name.startsWith(".") && Files.isRegularFile(p)) {
                        out.add(p.toAbsolutePath().normalize());
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }
}
