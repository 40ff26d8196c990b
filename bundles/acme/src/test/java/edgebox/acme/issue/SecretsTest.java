package edgebox.acme.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.objects.testing.YamlObjects;

/** The lookup order of a solver's Secret: stringData, then data, of the Secret in the snapshot; then the file. */
class SecretsTest {

    @TempDir
    Path files;

    private final StringBuilder yaml = new StringBuilder();
    private ObjectSnapshot snapshot = ObjectSnapshot.EMPTY;
    private Secrets secrets() {
        return new Secrets(files, () -> snapshot);
    }

    /** An Opaque Secret added to the snapshot. */
    private void secret(String namespace, String name, Map<String, String> data, Map<String, String> stringData) {
        yaml.append("---\napiVersion: v1\nkind: Secret\ntype: Opaque\nmetadata: {namespace: ").append(namespace)
                .append(", name: ").append(name).append("}\ndata:\n");
        data.forEach((k, v) -> yaml.append("  ").append(k).append(": ")
                .append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))).append('\n'));
        yaml.append("stringData:\n");
        stringData.forEach((k, v) -> yaml.append("  ").append(k).append(": \"").append(v).append("\"\n"));
        snapshot = YamlObjects.snapshot(yaml.toString());
    }

    private void file(String namespace, String name, String key, String value) throws IOException {
        Path p = files.resolve(namespace).resolve(name).resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, value);
    }

    @Test
    void stringDataThenDataThenTheFile() throws IOException {
        file("dns", "token", "api-token", "from-file\n");
        file("dns", "token", "tsig.key", "file-tsig");
        file("dns", "token", "only-file", "file-only");
        secret("dns", "token", Map.of("api-token", "from-data\n", "tsig.key", "data-tsig"),
                Map.of("api-token", "from-stringData"));
        assertEquals("from-stringData", secrets().value("dns", "token", "api-token"));
        assertEquals("data-tsig", secrets().value("dns", "token", "tsig.key"), "a key with a dot");
        assertEquals("file-only", secrets().value("dns", "token", "only-file"), "a key the Secret lacks");
        snapshot = ObjectSnapshot.EMPTY;
        assertEquals("from-file", secrets().value("dns", "token", "api-token"), "read at each lookup, trimmed");
    }

    @Test
    void dataIsDecodedAndTrimmed() {
        secret("dns", "token", Map.of("api-token", "  scoped\n"), Map.of());
        assertEquals("scoped", secrets().value("dns", "token", "api-token"));
    }

    @Test
    void aClusterIssuersSecretIsLookedForInCertManagerThenDefaultEachSecretFirst() throws IOException {
        file("cert-manager", "token", "api-token", "cm-file");
        secret("default", "token", Map.of("api-token", "default-secret"), Map.of());
        assertEquals("cm-file", secrets().value("", "token", "api-token"), "cert-manager first, whatever its source");
        secret("cert-manager", "token", Map.of("api-token", "cm-secret"), Map.of());
        assertEquals("cm-secret", secrets().value("", "token", "api-token"));
        assertEquals("default-secret", secrets().value("default", "token", "api-token"), "an Issuer's own namespace");
        secret("other", "only-default", Map.of("k", "other"), Map.of());
        secret("default", "only-default", Map.of("k", "default"), Map.of());
        assertEquals("default", secrets().value("", "only-default", "k"), "never another namespace");
    }

    @Test
    void aSecretOfAnotherNamespaceOrNameIsNotTaken() {
        secret("web", "token", Map.of("api-token", "web"), Map.of());
        secret("dns", "token-2", Map.of("api-token", "other name"), Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets().value("dns", "token", "api-token"));
        assertEquals("Secret dns/token with key api-token not found: expected a v1 Secret with stringData or data "
                + "api-token, or the file " + files.resolve("dns/token/api-token"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> secrets().value("", "token", "api-token"));
        assertTrue(e.getMessage().startsWith("Secret cert-manager or default/token with key api-token not found"),
                e.getMessage());
    }

    @Test
    void unsafeNamesAreRefusedBeforeAnyFileIsRead() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets().value("dns", "../etc", "passwd"));
        assertTrue(e.getMessage().endsWith("not a safe name"), e.getMessage());
    }
}
