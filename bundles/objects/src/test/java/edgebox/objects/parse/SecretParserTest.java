package edgebox.objects.parse;

import static edgebox.objects.testing.TestCertificates.Kind.EC;
import static edgebox.objects.testing.TestCertificates.Kind.RSA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.Secret;
import edgebox.objects.manifest.Kinds;
import edgebox.objects.manifest.Translator;
import edgebox.objects.testing.TestCertificates;
import edgebox.api.tls.TlsCertificate;
import org.junit.jupiter.api.Test;

/** TLS Secrets: every key encoding, chains, and each refusal naming its field; decoded once, by the store. */
class SecretParserTest {

    private static final TestCertificates.Made RSA_CERT = TestCertificates.make(RSA, "a.example.com");
    private static final TestCertificates.Made EC_CERT = TestCertificates.make(EC, "b.example.com");

    private static final String PID = Kinds.PIDS.get("Secret");

    private static Secret secret(Map<String, Object> properties) {
        try {
            return (Secret) Translator.read(PID, properties);
        } catch (Translator.Refused e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    private static TlsCertificate read(Map<String, Object> properties) {
        TlsCertificate c = secret(properties).certificate();
        assertNotNull(c);
        return c;
    }

    private static ConfigProblem onlyProblem(Map<String, Object> properties) {
        List<ConfigProblem> problems = Translator.validate(PID, properties);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void readsEveryKeyEncoding() {
        for (TestCertificates.Made made : List.of(RSA_CERT, EC_CERT)) {
            List<String> keys = made == EC_CERT
                    ? List.of(made.traditionalKeyPem(), made.pkcs8KeyPem(), made.curvelessEcKeyPem())
                    : List.of(made.traditionalKeyPem(), made.pkcs8KeyPem());
            for (String key : keys) {
                TlsCertificate c = read(TestCertificates.secret("web", "tls", made.certificatePem(), key));
                assertEquals("web/tls", c.ref());
                assertEquals(made.keys().getPrivate().getAlgorithm(), c.key().getAlgorithm());
                assertEquals(made.certificate(), c.leaf());
            }
        }
        assertTrue(RSA_CERT.traditionalKeyPem().startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(EC_CERT.traditionalKeyPem().startsWith("-----BEGIN EC PRIVATE KEY-----"));
    }

    @Test
    void keysComeFromTheJdkProvidersEvenWithBouncyCastleRegistered() {
        java.security.Security.insertProviderAt(new org.bouncycastle.jce.provider.BouncyCastleProvider(), 1);
        try {
            for (String key : List.of(EC_CERT.traditionalKeyPem(), EC_CERT.pkcs8KeyPem())) {
                TlsCertificate c = read(TestCertificates.secret("web", "tls", EC_CERT.certificatePem(), key));
                assertEquals("EC", c.key().getAlgorithm(), "as the TLS engines know it");
            }
        } finally {
            java.security.Security.removeProvider("BC");
        }
    }

    @Test
    void readsAChainLeafFirst() {
        TestCertificates.Made issuer = TestCertificates.make(RSA, "ca.example.com");
        TlsCertificate c = read(TestCertificates.secret("web", "tls",
                RSA_CERT.certificatePem() + issuer.certificatePem(), RSA_CERT.pkcs8KeyPem()));
        assertEquals(List.of(RSA_CERT.certificate(), issuer.certificate()), c.chain());
    }

    @Test
    void stringDataWinsOverData() {
        Map<String, Object> p = TestCertificates.secret("web", "tls", "garbage", "garbage");
        p.put("stringData[tls.crt]", EC_CERT.certificatePem());
        p.put("stringData[tls.key]", EC_CERT.traditionalKeyPem());
        assertEquals(EC_CERT.certificate(), read(p).leaf());
    }

    @Test
    void refusesBadPemNamingObjectFieldAndReason() {
        ConfigProblem p = onlyProblem(TestCertificates.secret("web", "tls", "not a certificate", RSA_CERT.pkcs8KeyPem()));
        assertEquals("Secret web/tls: data[tls.crt]: no PEM certificate (-----BEGIN CERTIFICATE-----) found", p.toString());

        String broken = RSA_CERT.certificatePem().replace("M", "#");
        p = onlyProblem(TestCertificates.secret("web", "tls", broken, RSA_CERT.pkcs8KeyPem()));
        assertEquals("data[tls.crt]", p.field());
        assertTrue(p.reason().startsWith("not a valid PEM certificate"), p.reason());

        p = onlyProblem(TestCertificates.secret("web", "tls", RSA_CERT.certificatePem(), "-----BEGIN CERTIFICATE-----"));
        assertEquals("data[tls.key]", p.field());

        p = onlyProblem(TestCertificates.secret("web", "tls", RSA_CERT.certificatePem(), RSA_CERT.certificatePem()));
        assertEquals("Secret web/tls: data[tls.key]: no private key found (expected PRIVATE KEY, RSA PRIVATE KEY or "
                + "EC PRIVATE KEY)", p.toString());

        Map<String, Object> props = TestCertificates.secret("web", "tls", RSA_CERT.certificatePem(), RSA_CERT.pkcs8KeyPem());
        props.put("data[tls.crt]", "%%%");
        p = onlyProblem(props);
        assertTrue(p.reason().startsWith("not base64"), p.reason());

        props.remove("data[tls.crt]");
        p = onlyProblem(props);
        assertEquals("data[tls.crt]: is required", p.field() + ": " + p.reason());
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        ConfigProblem p = onlyProblem(TestCertificates.secret("web", "tls", RSA_CERT.certificatePem(),
                TestCertificates.make(RSA, "other").pkcs8KeyPem()));
        assertEquals("data[tls.key]", p.field());
        assertTrue(p.reason().startsWith("the private key (RSA) does not belong to the certificate CN=a.example.com"),
                p.reason());
        p = onlyProblem(TestCertificates.secret("web", "tls", RSA_CERT.certificatePem(), EC_CERT.pkcs8KeyPem()));
        assertTrue(p.reason().contains("does not belong"), p.reason());
    }

    @Test
    void refusesAnEncryptedKey() throws Exception {
        String encrypted = TestCertificates.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                RSA_CERT.keys().getPrivate(),
                new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                        org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        .setPassword("pw".toCharArray()).build()));
        assertTrue(encrypted.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), encrypted);
        ConfigProblem p = onlyProblem(TestCertificates.secret("web", "tls", RSA_CERT.certificatePem(), encrypted));
        assertEquals("the private key is encrypted; give it unencrypted", p.reason());
    }

    @Test
    void otherSecretTypesAreNotOurs() {
        Map<String, Object> p = TestCertificates.secret("web", "opaque", "x", "y");
        p.put("type", "Opaque");
        Secret s = secret(p);
        assertNull(s.certificate());
        assertEquals("x", new String(s.value("tls.crt").orElseThrow()));
    }
}
