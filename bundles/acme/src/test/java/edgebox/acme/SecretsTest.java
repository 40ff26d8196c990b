package edgebox.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.config.FlatProperties;

/** The lookup order of a solver's Secret: stringData, then data, of a manifest; then the mounted file. */
class SecretsTest {

    @TempDir
    Path files;

    private final List<Map<String, Object>> manifests = new ArrayList<>();
    private Secrets secrets;

    private Secrets secrets() {
        if (secrets == null) {
            secrets = new Secrets(files, () -> manifests);
        }
        return secrets;
    }

    /** A Secret as the proxy's configuration holds it: flattened, with Config Admin's own properties. */
    private void manifest(String namespace, String name, Map<String, String> data, Map<String, String> stringData) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", Map.of("namespace", namespace, "name", name));
        secret.put("type", "Opaque");
        Map<String, Object> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secret.put("data", encoded);
        secret.put("stringData", new LinkedHashMap<String, Object>(stringData));
        Map<String, Object> flat = FlatProperties.flatten(secret);
        flat.put("service.pid", "edgebox.proxy.secret~" + namespace + "." + name);
        flat.put("service.factoryPid", "edgebox.proxy.secret");
        manifests.add(flat);
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
        manifest("dns", "token", Map.of("api-token", "from-data\n", "tsig.key", "data-tsig"),
                Map.of("api-token", "from-stringData"));
        assertEquals("from-stringData", secrets().value("dns", "token", "api-token"));
        assertEquals("data-tsig", secrets().value("dns", "token", "tsig.key"), "a key with a dot, as data[tsig.key]");
        assertEquals("file-only", secrets().value("dns", "token", "only-file"), "a key the manifest lacks");
        manifests.clear();
        assertEquals("from-file", secrets().value("dns", "token", "api-token"), "read at each lookup, trimmed");
    }

    @Test
    void dataIsDecodedAndTrimmed() {
        manifest("dns", "token", Map.of("api-token", "  scoped\n"), Map.of());
        assertEquals("scoped", secrets().value("dns", "token", "api-token"));
    }

    @Test
    void aClusterIssuersSecretIsLookedForInCertManagerThenDefaultEachManifestFirst() throws IOException {
        file("cert-manager", "token", "api-token", "cm-file");
        manifest("default", "token", Map.of("api-token", "default-manifest"), Map.of());
        assertEquals("cm-file", secrets().value("", "token", "api-token"), "cert-manager first, whatever its source");
        manifest("cert-manager", "token", Map.of("api-token", "cm-manifest"), Map.of());
        assertEquals("cm-manifest", secrets().value("", "token", "api-token"));
        assertEquals("default-manifest", secrets().value("default", "token", "api-token"), "an Issuer's own namespace");
        manifest("other", "only-default", Map.of("k", "other"), Map.of());
        manifest("default", "only-default", Map.of("k", "default"), Map.of());
        assertEquals("default", secrets().value("", "only-default", "k"), "never another namespace");
    }

    @Test
    void aSecretOfAnotherNamespaceOrNameIsNotTaken() {
        manifest("web", "token", Map.of("api-token", "web"), Map.of());
        manifest("dns", "token-2", Map.of("api-token", "other name"), Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets().value("dns", "token", "api-token"));
        assertEquals("Secret dns/token with key api-token not found: expected a v1 Secret manifest with stringData or "
                + "data api-token, or the file " + files.resolve("dns/token/api-token"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> secrets().value("", "token", "api-token"));
        assertTrue(e.getMessage().startsWith("Secret cert-manager or default/token with key api-token not found"),
                e.getMessage());
    }

    @Test
    void badBase64NamesTheEntryNotTheValue() {
        manifest("dns", "token", Map.of(), Map.of());
        manifests.get(0).put("data.api-token", "%%secret-ish%%");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets().value("dns", "token", "api-token"));
        assertEquals("Secret dns/token: data[api-token]: not base64", e.getMessage());
        assertFalse(e.getMessage().contains("secret-ish"));
    }

    @Test
    void unsafeNamesAreRefusedBeforeAnyFileIsRead() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets().value("dns", "../etc", "passwd"));
        assertTrue(e.getMessage().endsWith("not a safe name"), e.getMessage());
    }
}
