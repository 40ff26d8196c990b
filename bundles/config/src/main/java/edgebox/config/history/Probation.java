package edgebox.config.history;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import edgebox.config.apply.AtomicFiles;

/**
 * A {@code config:commit-confirm} in force: unless {@code config:confirm} comes by the deadline, the configuration
 * goes back to revision {@code base}. Kept in a file, so that a restart in between does not forget it.
 *
 * @param base     the revision in force when it was armed
 * @param deadline when the box rolls back on its own
 * @param length   the time that was given
 * @param who      who armed it
 */
public record Probation(int base, Instant deadline, Duration length, String who) {

    public Probation {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(length, "length");
        who = who == null ? "" : who;
    }

    /** The probation saved in {@code file}, or empty; a file that cannot be read is reported and ignored. */
    static Optional<Probation> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new Probation(Integer.parseInt(p.getProperty("base", "")),
                    Instant.parse(p.getProperty("deadline", "")), Duration.parse(p.getProperty("length", "")),
                    p.getProperty("who")));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            System.getLogger("edgebox.config").log(System.Logger.Level.ERROR, "edgebox.config: " + file
                    + " cannot be read, the commit-confirm it held is dropped: " + e.getMessage());
            return Optional.empty();
        }
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("base", Integer.toString(base));
        p.setProperty("deadline", deadline.toString());
        p.setProperty("length", length.toString());
        p.setProperty("who", who);
        StringWriter text = new StringWriter();
        p.store(text, "config:commit-confirm in force: rolls back to revision " + base + " unless confirmed");
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, text.toString());
    }

    static void clear(Path file) throws IOException {
        if (Files.exists(file)) {
            AtomicFiles.delete(file);
        }
    }
}
