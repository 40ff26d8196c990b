package edgebox.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code data/edgebox.lock} that keeps a second edgebox off a home in use. The holder writes its
 * pid into the file; the lock goes with the process, so a crashed box leaves no stale lock.
 */
final class HomeLock implements AutoCloseable {

    /** Another process (or this one) holds the home. */
    static final class InUseException extends IOException {
        InUseException(Path home, String pid) {
            super(message(home, pid));
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static String message(Path home, String pid) {
        return "edgebox: home " + home + " is in use by another edgebox (pid " + pid + ")";
    }

    static HomeLock acquire(Path home, long pid) throws IOException {
        Path file = home.resolve("data").resolve("edgebox.lock");
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = readPid(channel);
            channel.close();
            throw new InUseException(home, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new HomeLock(channel, lock);
    }

    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.isEmpty() ? "unknown" : text;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
