package edgebox.acme.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void csrCarriesEveryNameAndVerifiesForEachAlgorithm() throws Exception {
        for (String[] alg : new String[][] {{"ECDSA", "256"}, {"ECDSA", "384"}, {"RSA", "2048"}, {"Ed25519", "0"}}) {
            KeyPair key = Keys.generate(alg[0], Integer.parseInt(alg[1]));
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Keys.csr(key,
                    List.of("*.ragas.cc", "ragas.cc")));
            assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.getPublic())),
                    alg[0]);
            Extensions ext = Extensions.getInstance(csr.getAttributes(
                    PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
            List<String> names = new ArrayList<>();
            for (GeneralName n : GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName).getNames()) {
                names.add(n.getName().toString());
            }
            assertEquals(List.of("*.ragas.cc", "ragas.cc"), names, alg[0]);
        }
    }

    @Test
    void keyPairsOfEveryAlgorithmRoundTripThroughPem() {
        for (String[] alg : new String[][] {{"ECDSA", "256"}, {"ECDSA", "384"}, {"RSA", "2048"}, {"Ed25519", "0"}}) {
            KeyPair key = Keys.generate(alg[0], Integer.parseInt(alg[1]));
            KeyPair back = Keys.keyPair(Keys.pem(key));
            assertEquals(key.getPublic(), back.getPublic(), alg[0]);
            assertEquals(key.getPrivate(), back.getPrivate(), alg[0]);
            assertEquals(key.getPrivate(), Keys.privateKey(Keys.blocks(Keys.pem(key.getPrivate()), "PRIVATE KEY")
                    .get(0)), alg[0]);
        }
    }

    @Test
    void pemIsSixtyFourColumnsAndTextAroundBlocksIsSkipped() {
        byte[] der = new byte[100];
        Arrays.fill(der, (byte) 0xfb);
        String pem = Keys.pem("CERTIFICATE", der);
        String[] lines = pem.split("\n");
        assertEquals(List.of("-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"), List.of(lines[0],
                lines[lines.length - 1]));
        assertEquals(64, lines[1].length());
        assertTrue(pem.endsWith("-----\n"));
        List<byte[]> found = Keys.blocks("subject=CN=x\n" + pem + "issuer=CN=y\n" + Keys.pem("OTHER", new byte[3])
                + pem, "CERTIFICATE");
        assertEquals(2, found.size());
        assertArrayEquals(der, found.get(1));
        assertThrows(IllegalArgumentException.class, () -> Keys.blocks("-----BEGIN CERTIFICATE-----\nAAAA\n",
                "CERTIFICATE"), "a block without its END line");
        assertThrows(IllegalArgumentException.class, () -> Keys.privateKey(new byte[] {1, 2, 3}));
    }

    @Test
    void ariCertIdIsTheRfc9773Example() throws Exception {
        // RFC 9773 section 4.1: keyIdentifier 69:88:5B:..:D4 and serial 00:87:65:43:21
        byte[] keyId = HexFormat.of().parseHex("69885b6b87464041e1b37b847ba0ae2cde01c8d4");
        KeyPair key = Keys.generate("ECDSA", 256);
        X500Name name = new X500Name("CN=leaf");
        var b = new JcaX509v3CertificateBuilder(name, new BigInteger("87654321", 16), Date.from(Instant.now()),
                Date.from(Instant.now().plusSeconds(3600)), name, key.getPublic());
        b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", Keys.ariCertId(leaf));
    }
}
