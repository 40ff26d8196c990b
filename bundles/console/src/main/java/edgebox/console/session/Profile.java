package edgebox.console.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The script every console session runs first: the file {@code etc/gosh_profile} under the home when it exists
 * (read again for each session, so an edit applies to the next login), else the copy shipped in this bundle.
 */
public final class Profile {

    static final String BUNDLED = "/edgebox/console/gosh_profile";

    private final Path file;
    private final String bundled;

    public Profile(Path file, String bundled) {
        this.file = file;
        this.bundled = bundled;
    }

    /** The profile of the given file, falling back to the one in this bundle. */
    public static Profile of(Path file) {
        try (InputStream in = Profile.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("console bundle: resource " + BUNDLED + ": missing");
            }
            return new Profile(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("console bundle: resource " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    /** Where the script comes from, for messages. */
    public String source() {
        return file != null && Files.isRegularFile(file) ? file.toString() : "bundled gosh_profile";
    }

    public String text() throws IOException {
        if (file != null && Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        return bundled;
    }
}
