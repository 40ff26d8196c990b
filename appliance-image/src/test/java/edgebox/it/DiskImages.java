package edgebox.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk image the {@code disk} profile built, as the tests use it: a sparse copy in the test's folder, its
 * partitions by GPT name (sfdisk) and the hash of one, and GRUB's environment block on the ESP read with mtools.
 */
final class DiskImages {

    static final Path BUILT = Path.of(System.getProperty("edgebox.diskImage",
            "target/edgebox-0.1.0-SNAPSHOT.img")).toAbsolutePath();
    static final String GRUBENV = "::/boot/grub/grubenv";
    private static final Duration TOOL = Duration.ofSeconds(60);
    private static final Pattern PARTITION = Pattern.compile("start=\\s*(\\d+), size=\\s*(\\d+),.*name=\"([^\"]+)\"");

    /** A partition: where it starts and how long it is, in bytes. */
    record Partition(long offset, long size) {
    }

    private DiskImages() {
    }

    /** A copy of the built image in {@code dir} (sparse, as the image is: its free space takes no room). */
    static Path copy(Path dir, String name) throws IOException, InterruptedException {
        if (!Files.isRegularFile(BUILT)) {
            throw new AssertionError("no disk image at " + BUILT + ": build it with mvn package -Pdisk");
        }
        Path copy = dir.resolve(name + ".img");
        check(Tools.run(TOOL, null, "cp", "--sparse=always", BUILT.toString(), copy.toString()), "cp");
        return copy;
    }

    static Map<String, Partition> partitions(Path disk) throws IOException, InterruptedException {
        Tools.Result dump = check(Tools.run(TOOL, null, "sfdisk", "--dump", disk.toString()), "sfdisk --dump");
        Map<String, Partition> byName = new LinkedHashMap<>();
        Matcher m = PARTITION.matcher(dump.out());
        while (m.find()) {
            byName.put(m.group(3), new Partition(Long.parseLong(m.group(1)) * 512, Long.parseLong(m.group(2)) * 512));
        }
        return byName;
    }

    /** GRUB's environment variables on the ESP (edgebox-boot). */
    static Map<String, String> grubenv(Path disk) throws IOException, InterruptedException {
        Tools.Result env = check(Tools.run(TOOL, null, "mcopy", "-n", "-i", esp(disk), GRUBENV, "-"), "mcopy");
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : env.out().split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return vars;
    }

    /** The SHA-256 (hex) of partition {@code name}'s bytes. */
    static String sha256(Path disk, String name) throws IOException, InterruptedException {
        Partition part = partitions(disk).get(name);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            for (long done = 0; done < part.size(); ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), part.size() - done));
                int n = ch.read(chunk, part.offset() + done);
                if (n < 0) {
                    throw new AssertionError(disk + " ends inside partition " + name);
                }
                sha256.update(chunk.flip());
                done += n;
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String esp(Path disk) throws IOException, InterruptedException {
        Partition esp = partitions(disk).get("edgebox-boot");
        if (esp == null) {
            throw new AssertionError(disk + ": no partition edgebox-boot");
        }
        return disk + "@@" + esp.offset();
    }

    private static Tools.Result check(Tools.Result r, String what) {
        if (r.exit() != 0) {
            throw new AssertionError(what + ": " + r);
        }
        return r;
    }
}
