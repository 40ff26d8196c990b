package edgebox.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk image the {@code disk} profile built, as the tests use it: a sparse copy in the test's folder, its
 * partitions by GPT name (sfdisk), GRUB's environment block on the ESP read and written with mtools, and a slot's
 * squashfs written to the other slot as an upgrade would write it.
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

    /** Sets GRUB environment variables on the ESP, keeping the others: a new 1024-byte block, as grub-editenv writes. */
    static void setGrubenv(Path disk, Map<String, String> values, Path dir) throws IOException, InterruptedException {
        Map<String, String> vars = grubenv(disk);
        vars.putAll(values);
        StringBuilder block = new StringBuilder("# GRUB Environment Block\n");
        vars.forEach((k, v) -> block.append(k).append('=').append(v).append('\n'));
        if (block.length() > 1024) {
            throw new IllegalArgumentException("grubenv: more than 1024 bytes: " + vars);
        }
        block.append("#".repeat(1024 - block.length()));
        Path file = dir.resolve("grubenv");
        Files.writeString(file, block, StandardCharsets.US_ASCII);
        check(Tools.run(TOOL, null, "mcopy", "-o", "-i", esp(disk), file.toString(), GRUBENV), "mcopy");
    }

    /**
     * Writes the squashfs of partition {@code from} to partition {@code to}: its bytes_used (superblock offset 40),
     * as edgebox:upgrade writes a slot.
     */
    static void copySlot(Path disk, String from, String to) throws IOException, InterruptedException {
        Map<String, Partition> parts = partitions(disk);
        Partition source = parts.get(from);
        Partition target = parts.get(to);
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer superblock = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(superblock, source.offset());
            if (superblock.getInt(0) != 0x73717368) {
                throw new AssertionError(from + ": no squashfs");
            }
            long used = superblock.getLong(40);
            if (used > target.size()) {
                throw new AssertionError(from + ": " + used + " bytes do not fit " + to);
            }
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            for (long done = 0; done < used; ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), used - done));
                int n = ch.read(chunk, source.offset() + done);
                chunk.flip();
                while (chunk.hasRemaining()) {
                    ch.write(chunk, target.offset() + done + chunk.position());
                }
                done += n;
            }
        }
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
