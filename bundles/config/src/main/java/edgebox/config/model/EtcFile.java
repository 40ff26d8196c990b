package edgebox.config.model;

import java.util.Objects;

/**
 * One configuration file as revisions and exports name it: a {@code .cfg} file of {@code etc/} or a manifest of
 * {@code etc/manifests/}, by its file name alone, whatever folders the box is configured to watch.
 *
 * @param manifest a manifest ({@code .yaml}, {@code .yml}), else a {@code .cfg} file
 * @param name     the file name, without folders
 */
public record EtcFile(boolean manifest, String name) implements Comparable<EtcFile> {

    public static final String CFG_FOLDER = "etc/";
    public static final String MANIFEST_FOLDER = "etc/manifests/";

    public EtcFile {
        Objects.requireNonNull(name, "name");
        String problem = problem(manifest, name);
        if (problem != null) {
            throw new IllegalArgumentException("'" + name + "': " + problem);
        }
    }

    /** The file that {@code path} ({@code etc/NAME.cfg} or {@code etc/manifests/NAME.yaml}) names, or {@code null}. */
    public static EtcFile parse(String path) {
        boolean manifest = path.startsWith(MANIFEST_FOLDER);
        String name = path.substring(manifest ? MANIFEST_FOLDER.length()
                : path.startsWith(CFG_FOLDER) ? CFG_FOLDER.length() : 0);
        if (name.length() == path.length() || problem(manifest, name) != null) {
            return null;
        }
        return new EtcFile(manifest, name);
    }

    /** Why a name is no file of this kind, or {@code null} when it is one. */
    private static String problem(boolean manifest, String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            return "not a plain file name";
        }
        if (manifest ? !(name.endsWith(".yaml") || name.endsWith(".yml")) : !name.endsWith(".cfg")) {
            return manifest ? "a manifest ends in .yaml or .yml" : "a configuration file ends in .cfg";
        }
        return null;
    }

    /** {@code etc/NAME.cfg} or {@code etc/manifests/NAME.yaml}. */
    public String path() {
        return (manifest ? MANIFEST_FOLDER : CFG_FOLDER) + name;
    }

    @Override
    public int compareTo(EtcFile o) {
        return path().compareTo(o.path());
    }

    @Override
    public String toString() {
        return path();
    }
}
