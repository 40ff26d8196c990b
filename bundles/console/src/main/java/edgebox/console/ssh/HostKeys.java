package edgebox.console.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Collection;
import java.util.Set;

import org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The server's host key: read from its file (OpenSSH format), or generated once and written with mode 0600 before
 * anyone can read it. ed25519 where sshd has EdDSA (Bouncy Castle, in core): it loads at every start without the
 * curve checks Bouncy Castle runs on an EC key; else EC P-256, which every JDK has.
 */
final class HostKeys {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HostKeys() {
    }

    static KeyPair loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return load(file);
        }
        KeyPair pair = generate();
        write(pair, file);
        return pair;
    }

    static KeyPair load(Path file) throws IOException, GeneralSecurityException {
        Collection<KeyPair> pairs = OpenSSHKeyPairResourceParser.INSTANCE.loadKeyPairs(null, file, null);
        if (pairs == null || pairs.isEmpty()) {
            throw new GeneralSecurityException("host key " + file + ": no OpenSSH private key in the file");
        }
        return pairs.iterator().next();
    }

    static KeyPair generate() throws GeneralSecurityException {
        if (SecurityUtils.isEDDSACurveSupported()) {
            KeyPairGenerator ed25519 = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
            ed25519.initialize(256);
            return ed25519.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void write(KeyPair pair, Path file) throws IOException, GeneralSecurityException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "edgebox host key",
                    (OpenSSHKeyEncryptionContext) null, out);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
