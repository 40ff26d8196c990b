package edgebox.system.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer's command line, with the committed test key, as the image build runs it. */
class SignUpgradeTest {

    private static final String KEY = UpgradeTestKeys.privatePem().toString();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SignUpgrade.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void signsASquashfsThatTheTestPublicKeyVerifies() throws Exception {
        Path payload = dir.resolve("slot.squashfs");
        Files.write(payload, UpgradeBundleTest.squashfs(10_000, 3));
        Path bundle = dir.resolve("edgebox-3.1.upgrade");
        assertEquals(0, run("--key", KEY, "--payload", payload.toString(), "--version", "3.1", "--out",
                bundle.toString()), err.toString());
        assertTrue(out.toString().startsWith("signed " + bundle + ": version 3.1, squashfs-x86_64 payload of 10000 "
                + "bytes, sha256 "), out.toString());
        VerifiedUpgrade v = new UpgradeVerifier(UpgradeKeys.publicKey(UpgradeTestKeys.publicPem()),
                UpgradeFormat.SLOT_FORMAT).verify(bundle, "B", 10_000);
        assertEquals("3.1", v.manifest().version());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no partial file is left");
        }
    }

    @Test
    void refusesWhatWouldMakeABundleNoBoxBoots() throws Exception {
        Path payload = dir.resolve("notes.txt");
        Files.writeString(payload, "not an image");
        Path bundle = dir.resolve("x.upgrade");
        assertEquals(2, run("--key", KEY, "--payload", payload.toString(), "--version", "1", "--out",
                bundle.toString()));
        assertEquals("SignUpgrade: " + payload + ": not a squashfs image (it does not start with \"hsqs\")\n",
                err.toString());
        assertFalse(Files.exists(bundle));
    }

    @Test
    void refusesAPublicKeyAMissingFileAndAWrongCommandLine() throws Exception {
        Path payload = dir.resolve("slot.squashfs");
        Files.write(payload, UpgradeBundleTest.squashfs(100, 4));
        assertEquals(2, run("--key", UpgradeTestKeys.publicPem().toString(), "--payload", payload.toString(),
                "--version", "1", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().endsWith("upgrade-test.pub: holds a PUBLIC KEY, not a PRIVATE KEY\n"),
                err.toString());
        err.reset();
        assertEquals(2, run("--key", KEY, "--payload", dir.resolve("none").toString(),
                "--version", "1", "--out", dir.resolve("x").toString()));
        assertEquals("SignUpgrade: " + dir.resolve("none") + ": no such file\n", err.toString());
        err.reset();
        assertEquals(2, run("--key", "k", "--payload"));
        assertTrue(err.toString().startsWith("SignUpgrade: usage: SignUpgrade --key PRIVATE.pem"), err.toString());
        err.reset();
        assertEquals(2, run("--key", "k", "--payload", "p", "--out", "o"));
        assertTrue(err.toString().startsWith("SignUpgrade: --version missing"), err.toString());
        err.reset();
        assertEquals(2, run("--key", KEY, "--payload", payload.toString(), "--version", "1\n2", "--out",
                dir.resolve("x").toString()));
        assertEquals("SignUpgrade: version: must be one line of printable text, not \"1\n2\"\n", err.toString());
    }
}
