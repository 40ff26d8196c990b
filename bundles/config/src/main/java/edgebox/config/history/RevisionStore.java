package edgebox.config.history;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import edgebox.config.apply.AtomicFiles;
import edgebox.config.model.EtcFile;

/**
 * The revisions on disk, one folder each ({@code 000042/}): {@code revision.properties} (number, time, who,
 * summary) and the files in force then ({@code etc/edgebox.health.cfg}, {@code etc/manifests/demo.yaml}). A
 * revision is filled under a hidden name and renamed into place, so a crash leaves it whole or absent, and an old one
 * is renamed away before it is removed; hidden leftovers are removed on opening. Revisions hold secrets: the folder
 * is the owner's alone where the file system says so.
 */
public final class RevisionStore {

    static final String META = "revision.properties";
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Path dir;

    public RevisionStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*")) {
            for (Path leftover : ds) {
                AtomicFiles.removeTree(leftover);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** The kept revisions, oldest first, without their files. A folder that cannot be read is left out. */
    public List<RevisionInfo> list() throws IOException {
        List<RevisionInfo> out = new ArrayList<>();
        for (int number : numbers()) {
            try {
                out.add(readInfo(folder(number), number));
            } catch (java.nio.file.NoSuchFileException e) {
                // pruned while listing
            } catch (IOException | RuntimeException e) {
                System.getLogger("edgebox.config").log(System.Logger.Level.WARNING,
                        "edgebox.config: revision " + number + " in " + dir + " cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    /** A revision with its files, or empty when there is none of that number. */
    public Optional<Revision> read(int number) throws IOException {
        Path folder = folder(number);
        if (!Files.isRegularFile(folder.resolve(META))) {
            return Optional.empty();
        }
        RevisionInfo info = readInfo(folder, number);
        Map<EtcFile, String> files = new TreeMap<>();
        Path etc = folder.resolve(EtcFile.CFG_FOLDER);
        if (Files.isDirectory(etc)) {
            try (Stream<Path> walk = Files.walk(etc)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String rel = folder.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                    EtcFile name = EtcFile.parse(rel);
                    if (name == null || Files.size(p) > MAX_FILE_BYTES) {
                        throw new IOException("revision " + number + ": " + rel + " is no configuration file");
                    }
                    files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.of(new Revision(info, files));
    }

    /** The newest revision with its files, or empty when there is none yet. */
    public Optional<Revision> latest() throws IOException {
        List<Integer> numbers = numbers();
        for (int i = numbers.size() - 1; i >= 0; i--) {
            Optional<Revision> r = read(numbers.get(i));
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** Writes the next revision (one more than the newest kept) whole, or not at all. */
    public Revision write(Instant time, String who, String summary, Map<EtcFile, String> files) throws IOException {
        List<Integer> numbers = numbers();
        int number = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1;
        RevisionInfo info = new RevisionInfo(number, time, who, summary);
        Path partial = dir.resolve("." + name(number) + ".partial");
        AtomicFiles.removeTree(partial);
        Files.createDirectories(partial.resolve(EtcFile.MANIFEST_FOLDER));
        for (Map.Entry<EtcFile, String> f : files.entrySet()) {
            AtomicFiles.writeSynced(partial.resolve(f.getKey().path()), f.getValue().getBytes(StandardCharsets.UTF_8));
        }
        Properties meta = new Properties();
        meta.setProperty("number", Integer.toString(number));
        meta.setProperty("time", time.toString());
        meta.setProperty("who", info.who());
        meta.setProperty("summary", info.summary());
        StringWriter text = new StringWriter();
        meta.store(text, "edgebox configuration revision");
        AtomicFiles.writeSynced(partial.resolve(META), text.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.publish(partial, folder(number));
        return new Revision(info, files);
    }

    /**
     * Removes the oldest revisions until {@code keep} are left, never one of {@code pinned} (it counts among those
     * kept); returns how many went.
     */
    public int prune(int keep, Set<Integer> pinned) throws IOException {
        List<Integer> numbers = numbers();
        int removed = 0;
        for (int i = 0; i < numbers.size() && numbers.size() - removed > keep; i++) {
            if (!pinned.contains(numbers.get(i))) {
                AtomicFiles.deleteTree(folder(numbers.get(i)));
                removed++;
            }
        }
        return removed;
    }

    private List<Integer> numbers() throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "[0-9]*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.matches("[0-9]{1,9}") && Files.isRegularFile(p.resolve(META))) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private Path folder(int number) {
        return dir.resolve(name(number));
    }

    private static String name(int number) {
        return String.format("%06d", number);
    }

    private static RevisionInfo readInfo(Path folder, int number) throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(META), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        try {
            return new RevisionInfo(number, Instant.parse(meta.getProperty("time", "")), meta.getProperty("who"),
                    meta.getProperty("summary"));
        } catch (DateTimeParseException e) {
            throw new IOException("revision " + number + ": time: " + e.getMessage(), e);
        }
    }
}
