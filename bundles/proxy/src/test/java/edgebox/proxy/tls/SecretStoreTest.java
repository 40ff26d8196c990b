package edgebox.proxy.tls;

import static edgebox.proxy.tls.TestCertificates.Kind.EC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretStoreTest {

    @Test
    void aRefusedSecretKeepsThePreviousCertificateServing() {
        SecretStore store = new SecretStore();
        TestCertificates.Made first = TestCertificates.make(EC, "a.example.com");
        assertEquals(List.of(), store.put("pid1", TestCertificates.secret("web", "a", first.certificatePem(),
                first.pkcs8KeyPem())));
        assertEquals(1, store.version());
        assertFalse(store.put("pid1", TestCertificates.secret("web", "a", "junk", first.pkcs8KeyPem())).isEmpty());
        assertEquals(1, store.version());
        assertEquals(first.certificate(), store.certificates().get(0).leaf());

        TestCertificates.Made renewed = TestCertificates.make(EC, "a.example.com");
        store.put("pid1", TestCertificates.secret("web", "a", renewed.certificatePem(), renewed.pkcs8KeyPem()));
        assertEquals(2, store.version());
        assertEquals(List.of(renewed.tls("web", "a")), store.certificates());

        store.remove("pid1");
        assertEquals(3, store.version());
        assertEquals(List.of(), store.certificates());
        store.remove("pid1");
        assertEquals(3, store.version());
    }

    @Test
    void anOpaqueSecretIsTakenAndIgnored() {
        SecretStore store = new SecretStore();
        Map<String, Object> opaque = new LinkedHashMap<>();
        opaque.put("apiVersion", "v1");
        opaque.put("kind", "Secret");
        opaque.put("metadata.namespace", "cert-manager");
        opaque.put("metadata.name", "cloudflare-token");
        opaque.put("type", "Opaque");
        opaque.put("data.api-token", TestCertificates.base64("cf-token"));
        assertEquals(List.of(), store.put("pid1", opaque), "no problem");
        opaque.remove("type");
        assertEquals(List.of(), store.put("pid2", opaque), "no type is Opaque");
        assertEquals(List.of(), store.certificates(), "no certificate");
        assertEquals(0, store.version(), "nothing published");

        TestCertificates.Made made = TestCertificates.make(EC, "a.example.com");
        store.put("pid3", TestCertificates.secret("web", "a", made.certificatePem(), made.pkcs8KeyPem()));
        assertEquals(1, store.certificates().size());
        Map<String, Object> nowOpaque = TestCertificates.secret("web", "a", made.certificatePem(), made.pkcs8KeyPem());
        nowOpaque.put("type", "Opaque");
        assertEquals(List.of(), store.put("pid3", nowOpaque));
        assertEquals(List.of(), store.certificates(), "a TLS Secret turned Opaque serves no certificate any more");
        assertEquals(2, store.version());
    }
}
