package edgebox.acme.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Keys, CSRs and PEM for ACME: key pairs made by the JDK's providers (ECDSA P-256/P-384, RSA, Ed25519), a PKCS#10
 * request with the names as subjectAltName built by Bouncy Castle, PEM in and out, and the ARI certificate id.
 */
public final class Keys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

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
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The PEM blocks of {@code type} in {@code text}, decoded. */
    public static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }

    /** The certificates of a PEM text, in order. */
    public static List<X509Certificate> certificates(String pem) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : f.generateCertificates(new ByteArrayInputStream(pem.getBytes(
                    StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** A private key from PKCS#8 (ECDSA, RSA or Ed25519). */
    public static PrivateKey privateKey(byte[] pkcs8) {
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("not a PKCS#8 ECDSA, RSA or Ed25519 private key");
    }

    /** A public key from X.509 SubjectPublicKeyInfo. */
    public static PublicKey publicKey(byte[] spki) {
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("not an ECDSA, RSA or Ed25519 public key");
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
