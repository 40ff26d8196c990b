package edgebox.system.slot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * The GRUB environment file ({@code grubenv} on the boot partition). A change is written in place: the same bytes of
 * the same file, never a new file, since GRUB's {@code save_env} writes the blocks the file already has; then
 * synced. One instance per file serialises its changes.
 */
public final class GrubEnvFile {

    private final Path file;

    public GrubEnvFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized GrubEnv read() throws IOException {
        try {
            return GrubEnv.parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the block, applies {@code change} and writes the result in place when it differs.
     *
     * @return whether the file was written
     */
    public synchronized boolean update(UnaryOperator<GrubEnv> change) throws IOException {
        GrubEnv before = read();
        GrubEnv after;
        byte[] bytes;
        try {
            after = change.apply(before);
            bytes = after.toBytes();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (after.equals(before)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() != bytes.length) {
                throw new IOException(file + ": changed size while it was updated");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.force(true);
        }
        return true;
    }
}
