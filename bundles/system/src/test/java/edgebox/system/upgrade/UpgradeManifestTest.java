package edgebox.system.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The manifest's text: what it writes reads back; every other text is refused naming the field. */
class UpgradeManifestTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void writesKeyValueLinesInOrderAndReadsThemBack() throws Exception {
        UpgradeManifest m = new UpgradeManifest("1.0+2", "squashfs-x86_64", 42, SHA, "0011223344556677");
        String text = new String(m.toBytes(), StandardCharsets.UTF_8);
        assertEquals("version=1.0+2\nslot-format=squashfs-x86_64\npayload-size=42\npayload-sha256=" + SHA
                + "\nkey-id=0011223344556677\n", text);
        assertEquals(m, UpgradeManifest.parse(m.toBytes()));
    }

    @Test
    void refusesEveryOtherText() {
        String good = "version=1\nslot-format=f\npayload-size=42\npayload-sha256=" + SHA + "\nkey-id=k\n";
        refused(good.replace("\nkey-id=k\n", "\nkey-id=k"), "manifest: does not end with a newline");
        refused(good + "built=today\n", "manifest: unknown field built");
        refused(good + "version=2\n", "manifest: version given twice");
        refused(good.replace("version=1\n", ""), "manifest: version missing");
        refused(good.replace("version=1\n", "version=\n"), "manifest: version missing");
        refused(good.replace("payload-size=42", "payload-size=-1"),
                "manifest: payload-size: \"-1\" is not a positive whole number");
        refused(good.replace(SHA, SHA.toUpperCase()), "manifest: payload-sha256: \"" + SHA.toUpperCase()
                + "\" is not 64 lower-case hex digits");
        refused(good.replace("key-id=k\n", "key-id k\n"), "manifest: line \"key-id k\" is not key=value");
    }

    private static void refused(String text, String message) {
        assertEquals(message, assertThrows(UpgradeRefused.class,
                () -> UpgradeManifest.parse(text.getBytes(StandardCharsets.UTF_8))).getMessage());
    }
}
