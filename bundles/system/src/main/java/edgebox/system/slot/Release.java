package edgebox.system.slot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The running slot's release file ({@code /etc/edgebox/release}): {@code version=...} and {@code built=...}. */
public final class Release {

    private Release() {
    }

    /** The {@code version=} of {@code release}. */
    public static String version(Path release) throws IOException {
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
            if (line.startsWith("version=") && line.length() > "version=".length()) {
                return line.substring("version=".length()).strip();
            }
        }
        throw new IOException(release + ": no version= line");
    }
}
