package edgebox.acme.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import edgebox.acme.client.Keys;

/**
 * What the acme function keeps under {@code data/acme}: {@code accounts/NAME.pem} (an account key pair) and
 * {@code certs/NAMESPACE/SECRET.pem} (a private key followed by its chain, leaf first). Each file is written whole
 * to a temporary file (mode 0600 from its creation), forced to disk, renamed over the old one and the folder forced:
 * a crash at any moment leaves the old file or the new one, never a key without its certificate. Nothing here logs
 * a key.
 */
public final class AcmeStore {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final Path root;

    public AcmeStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The stored account key named {@code name}, or a new P-256 key stored first. */
    public synchronized KeyPair accountKey(String name) throws IOException {
        Path file = root.resolve("accounts").resolve(safe(name) + ".pem");
        try {
            return Keys.keyPair(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            KeyPair key = Keys.generate("ECDSA", 256);
            write(file, Keys.pem(key));
            return key;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not an account key (" + e.getMessage() + ")", e);
        }
    }

    /** A stored key and chain. */
    public record Stored(PrivateKey key, List<X509Certificate> chain) {
    }

    public Optional<Stored> certificate(String namespace, String secretName) throws IOException {
        Path file = certFile(namespace, secretName);
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            List<byte[]> keys = Keys.blocks(pem, "PRIVATE KEY");
            List<X509Certificate> chain = Keys.certificates(pem);
            if (keys.size() != 1 || chain.isEmpty()) {
                throw new IllegalArgumentException("expected one key and a chain");
            }
            return Optional.of(new Stored(Keys.privateKey(keys.get(0)), chain));
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    public void putCertificate(String namespace, String secretName, PrivateKey key, List<X509Certificate> chain)
            throws IOException {
        StringBuilder pem = new StringBuilder(Keys.pem(key));
        try {
            for (X509Certificate c : chain) {
                pem.append(Keys.pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the chain: " + e.getMessage(), e);
        }
        write(certFile(namespace, secretName), pem.toString());
    }

    private Path certFile(String namespace, String secretName) {
        return root.resolve("certs").resolve(safe(namespace)).resolve(safe(secretName) + ".pem");
    }

    private static String safe(String name) {
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe file name: \"" + name + "\"");
        }
        return name;
    }

    /** Temporary file (0600) + fsync + atomic rename + fsync of the folder. */
    static void write(Path file, String text) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rwx------")));
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // a file system that cannot sync a folder: the rename itself is still atomic
        }
    }
}
