package edgebox.system.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle written by {@link UpgradeWriter} and read by {@link UpgradeVerifier}, whole and damaged every way. */
class UpgradeBundleTest {

    private static final long SLOT = 1 << 20;

    @TempDir
    Path dir;
    private Path payload;
    private Path bundle;
    private UpgradeVerifier verifier;

    @BeforeEach
    void sign() throws Exception {
        payload = dir.resolve("slot.squashfs");
        Files.write(payload, squashfs(200_000, 1));
        bundle = dir.resolve("edgebox-2.0.upgrade");
        UpgradeWriter.write(payload, "2.0+b7", UpgradeFormat.SLOT_FORMAT, UpgradeKeys.privateKey(UpgradeTestKeys
                .privatePem()), bundle);
        verifier = new UpgradeVerifier(UpgradeKeys.publicKey(UpgradeTestKeys.publicPem()), UpgradeFormat.SLOT_FORMAT);
    }

    static byte[] squashfs(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        return b;
    }

    @Test
    void aWholeBundleVerifiesAndSaysWhereItsPayloadIs() throws Exception {
        VerifiedUpgrade v = verifier.verify(bundle, "B", SLOT);
        assertEquals("2.0+b7", v.manifest().version());
        assertEquals(200_000, v.manifest().payloadSize());
        assertEquals(UpgradeKeys.keyId(UpgradeKeys.publicKey(UpgradeTestKeys.publicPem())), v.manifest().keyId());
        byte[] all = Files.readAllBytes(bundle);
        assertEquals(all.length - 200_000, v.payloadOffset());
        assertTrue(Arrays.equals(Files.readAllBytes(payload), Arrays.copyOfRange(all, (int) v.payloadOffset(),
                all.length)));
    }

    @Test
    void anotherKeyIsNamedByItsId() throws Exception {
        Path other = UpgradeTestKeys.generate(dir, "other");
        UpgradeVerifier otherBox = new UpgradeVerifier(UpgradeKeys.publicKey(other.resolveSibling("other.pub")),
                UpgradeFormat.SLOT_FORMAT);
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> otherBox.verify(bundle, "B", SLOT));
        assertTrue(e.getMessage().startsWith("signed with another key (key id "
                + UpgradeKeys.keyId(UpgradeKeys.publicKey(UpgradeTestKeys.publicPem())) + "); this box trusts key id "),
                e.getMessage());
    }

    @Test
    void aChangedManifestDoesNotMatchItsSignature() throws Exception {
        replace("version=2.0+b7", "version=2.0+b8");
        assertRefused("the signature does not match the manifest: the manifest was changed after signing");
    }

    @Test
    void aManifestChangedPastReadingIsRefusedAsChanged() throws Exception {
        replace("payload-size=", "payload-sixe=");
        assertRefused("the signature does not verify and the manifest is unreadable (manifest: unknown field "
                + "payload-sixe): the bundle was changed or damaged");
    }

    @Test
    void aChangedPayloadIsCaughtByItsHash() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            f.seek(f.length() - 1000);
            int b = f.read();
            f.seek(f.length() - 1000);
            f.write(b ^ 1);
        }
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> verifier.verify(bundle, "B", SLOT));
        assertTrue(e.getMessage().endsWith(": the payload was changed or damaged"), e.getMessage());
    }

    @Test
    void aTruncatedFileSaysWhereItEnds() throws Exception {
        byte[] all = Files.readAllBytes(bundle);
        Files.write(bundle, Arrays.copyOf(all, all.length - 10));
        assertRefused("truncated: the payload ends after 199990 of 200000 bytes");
        Files.write(bundle, Arrays.copyOf(all, all.length - 200_010));
        assertRefused("truncated: the file ends inside the signature");
        Files.write(bundle, Arrays.copyOf(all, 30));
        assertRefused("truncated: the file ends inside the manifest");
        Files.write(bundle, Arrays.copyOf(all, 20));
        assertRefused("truncated: the file ends inside the manifest's length");
        Files.write(bundle, Arrays.copyOf(all, 9));
        assertRefused("truncated: the file ends inside the header");
        Files.write(bundle, new byte[0]);
        assertRefused("not an edgebox upgrade bundle (it does not start with \"edgebox-upgrade 1\")");
    }

    @Test
    void bytesAfterThePayloadAreNotTheSignedFile() throws Exception {
        Files.write(bundle, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertRefused("bytes follow the payload: the file is not the bundle as it was signed");
    }

    @Test
    void aBundleForAnotherSlotFormatIsRefused() throws Exception {
        UpgradeWriter.write(payload, "2.0", "ext4-aarch64", UpgradeKeys.privateKey(UpgradeTestKeys.privatePem()),
                bundle);
        assertRefused("the bundle is for slot format ext4-aarch64; this box's slots take squashfs-x86_64");
    }

    @Test
    void aPayloadLargerThanTheSlotIsRefusedBeforeItIsRead() throws Exception {
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> verifier.verify(bundle, "B", 199_999));
        assertEquals("the payload of 200000 bytes does not fit slot B (199999 bytes)", e.getMessage());
        assertEquals(200_000, verifier.verify(bundle, "B", 200_000).manifest().payloadSize());
    }

    @Test
    void otherFilesAndFormatsAreNamed() throws Exception {
        Files.write(bundle, squashfs(5000, 2));
        assertRefused("not an edgebox upgrade bundle (it does not start with \"edgebox-upgrade 1\")");
        Files.writeString(bundle, "edgebox-upgrade 2\n and more");
        assertRefused("upgrade bundle format 2; this box reads format 1");
        byte[] all = "edgebox-upgrade 1\n\u007f\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(bundle, all);
        assertRefused("a manifest of 2130706432 bytes (1 to 4096 allowed): the bundle is damaged");
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> verifier.verify(dir.resolve("none"), "B", SLOT));
        assertEquals(dir.resolve("none") + ": no such file", e.getMessage());
    }

    private void replace(String from, String to) throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from));
        Files.write(bundle, text.replaceFirst(java.util.regex.Pattern.quote(from), to)
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    private void assertRefused(String message) {
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> verifier.verify(bundle, "B", SLOT));
        assertEquals(message, e.getMessage());
    }
}
