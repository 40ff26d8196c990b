package edgebox.dns;

import java.nio.file.Path;

/** Relative paths in configurations are resolved against the home (framework property {@code edgebox.home}). */
final class Home {

    private Home() {
    }

    static Path resolve(String home, String path) {
        Path p = Path.of(path.trim());
        return p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
    }
}
