package edgebox.acme.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Keys, CSRs and PEM for ACME: key pairs made by the JDK's providers (ECDSA P-256/P-384, RSA, Ed25519), a PKCS#10
 * request with the names as subjectAltName built by Bouncy Castle, PEM in and out (RFC 7468, by Bouncy Castle's
 * PemReader and PemWriter: 64 columns, the platform's line ends), keys decoded by their algorithm identifier, and
 * the ARI certificate id.
 */
public final class Keys {

    private Keys() {
    }

    /** A new key pair: {@code ECDSA} (size 256 or 384), {@code RSA} (2048 to 8192) or {@code Ed25519}. */
    public static KeyPair generate(String algorithm, int size) {
        try {
            return switch (algorithm) {
                case "ECDSA" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(size == 384 ? "secp384r1" : "secp256r1"));
                    yield g.generateKeyPair();
                }
                case "RSA" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(size == 0 ? 2048 : size);
                    yield g.generateKeyPair();
                }
                case "Ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> throw new IllegalArgumentException("unknown key algorithm " + algorithm);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    /** A DER PKCS#10 request for {@code names} (the first short one is also the CN). */
    public static byte[] csr(KeyPair key, List<String> names) {
        try {
            String cn = names.stream().filter(n -> n.length() <= 64).findFirst().orElse(null);
            X500Name subject = new X500Name(cn == null ? "" : "CN=" + cn.replace(",", "\\,"));
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(subject,
                    key.getPublic());
            GeneralName[] sans = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new);
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            String alg = switch (key.getPrivate().getAlgorithm()) {
                case "EC" -> ((ECPrivateKey) key.getPrivate()).getParams().getCurve().getField().getFieldSize() > 256
                        ? "SHA384withECDSA" : "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> "Ed25519";
            };
            return b.build(new JcaContentSignerBuilder(alg).build(key.getPrivate())).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the CSR for " + names + ": " + e.getMessage(), e);
        }
    }

    public static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The PEM blocks of {@code type} in {@code text}, decoded; text around the blocks is skipped. */
    public static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        try (PemReader r = new PemReader(new StringReader(text))) {
            for (PemObject o = r.readPemObject(); o != null; o = r.readPemObject()) {
                if (o.getType().equals(type)) {
                    out.add(o.getContent());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not PEM: " + e.getMessage(), e);
        }
        return out;
    }

    /** The certificates of a PEM text, in order; other blocks (a key) are skipped. */
    public static List<X509Certificate> certificates(String pem) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** A private key from PKCS#8 (ECDSA, RSA or Ed25519), made by the JDK's provider for its algorithm. */
    public static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(pkcs8));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    /** A public key from X.509 SubjectPublicKeyInfo. */
    public static PublicKey publicKey(byte[] spki) {
        try {
            return new JcaPEMKeyConverter().getPublicKey(SubjectPublicKeyInfo.getInstance(spki));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a public key: " + e.getMessage(), e);
        }
    }

    /** Both halves as PEM ({@code PRIVATE KEY} then {@code PUBLIC KEY}). */
    public static String pem(KeyPair pair) {
        return pem(pair.getPrivate()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /** The pair written by {@link #pem(KeyPair)}. */
    public static KeyPair keyPair(String pem) {
        List<byte[]> priv = blocks(pem, "PRIVATE KEY");
        List<byte[]> pub = blocks(pem, "PUBLIC KEY");
        if (priv.size() != 1 || pub.size() != 1) {
            throw new IllegalArgumentException("expected one PRIVATE KEY and one PUBLIC KEY block");
        }
        return new KeyPair(publicKey(pub.get(0)), privateKey(priv.get(0)));
    }

    /** RFC 9773 certificate id: base64url(authority key id) "." base64url(serial, DER integer contents). */
    public static String ariCertId(X509Certificate leaf) {
        byte[] ext = leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return null;
        }
        byte[] inner = org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets();
        byte[] keyId = AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifierObject().getOctets();
        byte[] serial = leaf.getSerialNumber().toByteArray();
        return Jose.b64(keyId) + "." + Jose.b64(serial);
    }
}
