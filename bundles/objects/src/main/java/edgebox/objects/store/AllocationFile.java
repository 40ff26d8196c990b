package edgebox.objects.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import edgebox.api.net.Cidr;

/**
 * The LoadBalancer addresses pools allocated, kept under {@code data/} so a restart gives every Service the address
 * it had: one {@code namespace/name = address} line each, written whole to a temporary file, synced and renamed.
 */
public final class AllocationFile {

    private static final System.Logger LOG = System.getLogger(AllocationFile.class.getName());

    private final Path file;

    public AllocationFile(Path file) {
        this.file = file;
    }

    /** What the file holds; an unreadable file or line is logged and left out (the pools allocate again). */
    public Map<String, InetAddress> read() {
        Map<String, InetAddress> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "objects: " + file + " unreadable, pools allocate afresh: " + e);
            return out;
        }
        for (String key : p.stringPropertyNames()) {
            try {
                out.put(key, Cidr.address(p.getProperty(key)));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "objects: " + file + ": " + key + ": " + e.getMessage());
            }
        }
        return out;
    }

    public void write(Map<String, InetAddress> allocations) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# LoadBalancer addresses allocated from CiliumLoadBalancerIPPools (written by edgebox)\n");
            for (Map.Entry<String, InetAddress> e : new TreeMap<>(allocations).entrySet()) {
                w.write(e.getKey() + "=" + Cidr.text(e.getValue()) + "\n");
            }
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
