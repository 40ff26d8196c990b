package edgebox.system.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a slot image into an upgrade bundle, for the image build; needs only this jar and bcprov:
 * <pre>
 * java -cp system.jar:bcprov.jar edgebox.system.upgrade.SignUpgrade --key PRIVATE.pem --payload slot.squashfs \
 *     --version V --out edgebox-V.upgrade
 * </pre>
 * Exits 0 having written {@code --out}, 2 on a wrong argument, key or payload (and writes nothing).
 */
public final class SignUpgrade {

    private static final List<String> OPTIONS = List.of("--key", "--payload", "--version", "--out");
    private static final byte[] SQUASHFS_MAGIC = {'h', 's', 'q', 's'};

    private SignUpgrade() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Map<String, String> options = options(args);
            Path payload = Path.of(options.get("--payload"));
            requireSquashfs(payload);
            UpgradeManifest m = UpgradeWriter.write(payload, options.get("--version"), UpgradeFormat.SLOT_FORMAT,
                    UpgradeKeys.privateKey(Path.of(options.get("--key"))), Path.of(options.get("--out")));
            out.println("signed " + options.get("--out") + ": version " + m.version() + ", " + m.slotFormat()
                    + " payload of " + m.payloadSize() + " bytes, sha256 " + m.payloadSha256() + ", key id "
                    + m.keyId());
            return 0;
        } catch (NoSuchFileException e) {
            err.println("SignUpgrade: " + e.getMessage() + ": no such file");
        } catch (UpgradeRefused | IllegalArgumentException e) {
            err.println("SignUpgrade: " + e.getMessage());
        } catch (IOException e) {
            err.println("SignUpgrade: " + e);
        }
        return 2;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: SignUpgrade --key PRIVATE.pem --payload slot.squashfs "
                        + "--version V --out FILE (at " + args[i] + ")");
            }
            if (options.put(args[i], args[i + 1]) != null) {
                throw new IllegalArgumentException(args[i] + " given twice");
            }
        }
        for (String option : OPTIONS) {
            if (!options.containsKey(option)) {
                throw new IllegalArgumentException(option + " missing; usage: SignUpgrade --key PRIVATE.pem "
                        + "--payload slot.squashfs --version V --out FILE");
            }
        }
        return options;
    }

    /** A slot image is a squashfs; signing anything else would make a bundle no box could boot. */
    static void requireSquashfs(Path payload) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(payload)) {
            head = in.readNBytes(SQUASHFS_MAGIC.length);
        }
        if (!Arrays.equals(head, SQUASHFS_MAGIC)) {
            throw new IllegalArgumentException(payload + ": not a squashfs image (it does not start with \"hsqs\")");
        }
    }
}
