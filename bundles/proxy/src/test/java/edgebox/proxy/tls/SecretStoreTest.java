package edgebox.proxy.tls;

import static edgebox.proxy.tls.TestCertificates.Kind.EC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

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
}
