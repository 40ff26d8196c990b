package edgebox.dns.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream {@code system}: the nameservers of the host's resolver configuration ({@code /etc/resolv.conf}), as
 * the operating system would ask them. Read when the settings are read; a missing file or one without nameservers
 * is a configuration error naming the file.
 */
final class SystemResolvers {

    static final String KEYWORD = "system";
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private SystemResolvers() {
    }

    static List<Upstream> read(String field, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + ": 'system' reads " + file + ": " + e.getMessage());
        }
        List<Upstream> out = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                String address = words[1].contains(":") ? "[" + words[1] + "]" : words[1];
                out.add(Upstream.parse(field + " (" + file + ")", address));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + ": 'system': " + file + " names no nameserver");
        }
        return out;
    }
}
