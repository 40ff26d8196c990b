package edgebox.acme.issue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.acme.model.Issuer;
import edgebox.objects.testing.YamlObjects;

/** An external account binding's MAC key from the Secret its issuer names, base64url or plain base64. */
class ExternalAccountKeysTest {

    /** Bytes whose base64 has '+', '/' and padding: fb ff bf, fe. */
    static final byte[] KEY = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, (byte) 0xfe};

    @TempDir
    Path files;

    static Issuer issuer(String namespace) {
        return new Issuer("ClusterIssuer/zerossl", "https://acme.example/dir", null, "account", List.of(), null, null,
                List.of(), Map.of("keyID", "kid-1", "secretName", "eab", "secretKey", "mac", "secretNamespace",
                        namespace));
    }

    ExternalAccountKeys keys(String value) {
        return new ExternalAccountKeys(new Secrets(files, () -> YamlObjects.snapshot("""
                apiVersion: v1
                kind: Secret
                metadata: {namespace: cert-manager, name: eab}
                stringData: {mac: "%s"}
                """.formatted(value))));
    }

    @Test
    void base64urlAndPlainBase64GiveTheSameKey() {
        assertArrayEquals(KEY, keys("-_-__g").key(issuer("")), "base64url, as CAs give it");
        assertArrayEquals(KEY, keys("+/+//g==").key(issuer("")), "plain base64 with padding");
    }

    @Test
    void aBadValueIsNamedByItsSecretNotShown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys("not*base64").key(issuer("")));
        assertEquals("Secret eab key mac: not base64url", e.getMessage());
        assertFalse(e.getMessage().contains("not*base64"));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> keys("-_-__g").key(issuer("web")));
        assertTrue(missing.getMessage().startsWith("Secret web/eab with key mac not found"),
                missing.getMessage());
    }
}
