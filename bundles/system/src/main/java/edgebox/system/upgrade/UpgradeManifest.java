package edgebox.system.upgrade;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The signed part of an upgrade bundle: which version the payload holds, the slot image format it is for, the
 * payload's size and SHA-256, and the id of the key that signed it. Its text is {@code key=value} lines in this
 * order, each ended by a newline; reading accepts exactly these keys, each once.
 *
 * @param version       the release the payload holds ({@code version=} of its {@code /etc/edgebox/release})
 * @param slotFormat    what the payload is, as {@link UpgradeFormat#SLOT_FORMAT} names it
 * @param payloadSize   bytes of payload after the signature
 * @param payloadSha256 the payload's SHA-256, 64 lower-case hex digits
 * @param keyId         {@link UpgradeKeys#keyId} of the signing key
 */
public record UpgradeManifest(String version, String slotFormat, long payloadSize, String payloadSha256,
        String keyId) {

    static final String VERSION = "version";
    static final String SLOT_FORMAT = "slot-format";
    static final String PAYLOAD_SIZE = "payload-size";
    static final String PAYLOAD_SHA256 = "payload-sha256";
    static final String KEY_ID = "key-id";
    private static final Set<String> KEYS = Set.of(VERSION, SLOT_FORMAT, PAYLOAD_SIZE, PAYLOAD_SHA256, KEY_ID);

    /** The manifest's text as it is signed. */
    byte[] toBytes() {
        String text = line(VERSION, version) + line(SLOT_FORMAT, slotFormat) + line(PAYLOAD_SIZE,
                Long.toString(payloadSize)) + line(PAYLOAD_SHA256, payloadSha256) + line(KEY_ID, keyId);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String line(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(key + ": must be one line of printable text, not \"" + value + "\"");
        }
        return key + "=" + value + "\n";
    }

    /** Reads a manifest's text; the fields are trusted only once its signature has been checked. */
    static UpgradeManifest parse(byte[] bytes) throws UpgradeRefused {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new UpgradeRefused("manifest: does not end with a newline");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new UpgradeRefused("manifest: line \"" + line + "\" is not key=value");
            }
            String key = line.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new UpgradeRefused("manifest: unknown field " + key);
            }
            if (fields.putIfAbsent(key, line.substring(eq + 1)) != null) {
                throw new UpgradeRefused("manifest: " + key + " given twice");
            }
        }
        return new UpgradeManifest(field(fields, VERSION), field(fields, SLOT_FORMAT), size(field(fields,
                PAYLOAD_SIZE)), sha256(field(fields, PAYLOAD_SHA256)), field(fields, KEY_ID));
    }

    private static String field(Map<String, String> fields, String key) throws UpgradeRefused {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new UpgradeRefused("manifest: " + key + " missing");
        }
        return value;
    }

    private static long size(String value) throws UpgradeRefused {
        try {
            long size = Long.parseLong(value);
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UpgradeRefused("manifest: " + PAYLOAD_SIZE + ": \"" + value + "\" is not a positive whole number");
    }

    private static String sha256(String value) throws UpgradeRefused {
        if (value.length() == 64 && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return value;
        }
        throw new UpgradeRefused("manifest: " + PAYLOAD_SHA256 + ": \"" + value + "\" is not 64 lower-case hex digits");
    }
}
