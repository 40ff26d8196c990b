package edgebox.objects.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text to a certificate chain and a private key. Certificates go through the JDK's CertificateFactory; keys may
 * be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 EC ({@code EC PRIVATE KEY}), read with
 * Bouncy Castle's PEMParser and converted by the JDK's key factories. Every failure is an
 * {@link IllegalArgumentException} whose message is the reason, fit to follow a field name.
 */
final class PemDecoder {

    private PemDecoder() {
    }

    /** The certificates in {@code pem}, in order (the leaf first, as TLS sends them). */
    static List<X509Certificate> certificates(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a valid PEM certificate: " + e.getMessage(), e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : read) {
            chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate could be read from the PEM text");
        }
        return List.copyOf(chain);
    }

    /**
     * The first private key in {@code pem}; other PEM blocks (EC PARAMETERS, certificates) are skipped. A SEC1 EC key
     * that does not name its curve takes the curve of {@code leaf}'s public key.
     */
    static PrivateKey privateKey(String pem, X509Certificate leaf) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (int i = 0; i < 16; i++) {
                Object o = parser.readObject();
                if (o == null) {
                    break;
                }
                if (o instanceof PrivateKeyInfo info) {
                    return jdkKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return jdkKey(withCurveOf(pair.getPrivateKeyInfo(), leaf));
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("the private key is encrypted; give it unencrypted");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a valid PEM private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no private key found (expected PRIVATE KEY, RSA PRIVATE KEY or "
                + "EC PRIVATE KEY)");
    }

    /**
     * The key as the JDK's own providers make it, whatever providers the JVM has registered (Bouncy Castle's would
     * name an EC key "ECDSA" and hand the TLS engines a key class they do not know).
     */
    private static PrivateKey jdkKey(PrivateKeyInfo info) throws IOException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String[] factory;
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            factory = new String[] {"RSA", "SunRsaSign"};
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            factory = new String[] {"EC", "SunEC"};
        } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            factory = new String[] {"Ed25519", "SunEC"};
        } else {
            throw new IllegalArgumentException("unsupported key algorithm " + oid + " (RSA, EC or Ed25519)");
        }
        try {
            return KeyFactory.getInstance(factory[0], factory[1])
                    .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid " + factory[0] + " private key: " + e.getMessage(), e);
        }
    }

    private static PrivateKeyInfo withCurveOf(PrivateKeyInfo info, X509Certificate leaf) throws IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        boolean curveless = algorithm.getParameters() == null || algorithm.getParameters() instanceof ASN1Null;
        if (leaf == null || !curveless || !X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            return info;
        }
        AlgorithmIdentifier ofLeaf = SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded()).getAlgorithm();
        return new PrivateKeyInfo(ofLeaf, info.parsePrivateKey());
    }

    /** Checks that {@code key} belongs to {@code leaf}: signs a probe with the key, verifies it with the certificate. */
    static void requireMatch(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm()
                    + " (RSA, EC or Ed25519)");
        };
        byte[] probe = "edgebox key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key (" + key.getAlgorithm()
                    + ") does not belong to the certificate " + leaf.getSubjectX500Principal());
        }
    }
}
