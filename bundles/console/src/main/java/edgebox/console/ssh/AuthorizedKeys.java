package edgebox.console.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.Objects;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Public-key login against an OpenSSH {@code authorized_keys} file; sshd re-reads the file when it changes.
 * A missing or empty file lets nobody in. {@link #count()} tells how many keys the file holds now (a stat, and a
 * read only when the file changed), for the health entry.
 */
final class AuthorizedKeys extends AuthorizedKeysAuthenticator {

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(null, -1, 0, null);

    private record Snapshot(FileTime modified, long size, int keys, String error) {
    }

    AuthorizedKeys(Path file) {
        super(file);
        this.file = file;
    }

    Path file() {
        return file;
    }

    @Override
    protected Collection<AuthorizedKeyEntry> reloadAuthorizedKeys(Path path, String username, ServerSession session)
            throws IOException, GeneralSecurityException {
        Collection<AuthorizedKeyEntry> entries = super.reloadAuthorizedKeys(path, username, session);
        snapshot = new Snapshot(null, -1, entries.size(), null);
        return entries;
    }

    /** The number of keys in the file (0 when it is missing or unreadable). */
    int count() {
        return refresh().keys();
    }

    /** Why the file could not be read, or {@code null}. */
    String error() {
        return refresh().error();
    }

    private Snapshot refresh() {
        Snapshot current = snapshot;
        try {
            if (!Files.isRegularFile(file)) {
                Snapshot missing = new Snapshot(null, -1, 0, null);
                snapshot = missing;
                return missing;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (Objects.equals(modified, current.modified()) && size == current.size()) {
                return current;
            }
            Snapshot read = new Snapshot(modified, size, AuthorizedKeyEntry.readAuthorizedKeys(file).size(), null);
            snapshot = read;
            return read;
        } catch (IOException | RuntimeException e) {
            Snapshot failed = new Snapshot(null, -1, 0, "authorized keys " + file + ": " + e.getMessage());
            snapshot = failed;
            return failed;
        }
    }
}
