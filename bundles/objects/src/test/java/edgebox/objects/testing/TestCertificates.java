package edgebox.objects.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import edgebox.api.tls.TlsCertificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Self-signed certificates made in the test, with Bouncy Castle's builder on the JDK's crypto. */
public final class TestCertificates {

    public enum Kind { RSA, EC }

    /** A key pair and its self-signed certificate. */
    public record Made(KeyPair keys, X509Certificate certificate) {
        public TlsCertificate tls(String namespace, String name) {
            return new TlsCertificate(namespace, name, keys.getPrivate(), List.of(certificate));
        }

        public String certificatePem() {
            return pem(certificate);
        }

        /** PKCS#1 for RSA, SEC1 with its curve for EC: what {@code openssl genrsa} / {@code ecparam -genkey} write. */
        public String traditionalKeyPem() {
            if (!keys.getPrivate().getAlgorithm().equals("EC")) {
                return pem(keys.getPrivate());
            }
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            try {
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), null,
                        info.getPrivateKeyAlgorithm().getParameters());
                return pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** SEC1 without the curve, as Bouncy Castle writes a JDK key; the decoder takes the certificate's curve. */
        public String curvelessEcKeyPem() {
            return pem(keys.getPrivate());
        }

        public String pkcs8KeyPem() {
            return pem(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    public static Made make(Kind kind, Duration validFor, String... dnsNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind == Kind.RSA ? "RSA" : "EC");
            if (kind == Kind.RSA) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + (dnsNames.length == 0 ? "no-san" : dnsNames[0]));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validFor)), subject, keys.getPublic());
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String algorithm = kind == Kind.RSA ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
            return new Made(keys, cert);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Made make(Kind kind, String... dnsNames) {
        return make(kind, Duration.ofDays(30), dnsNames);
    }

    /** A TLS Secret's configuration properties with base64 {@code data[...]}, as the manifest codec writes them. */
    public static Map<String, Object> secret(String namespace, String name, String crtPem, String keyPem) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("apiVersion", "v1");
        p.put("kind", "Secret");
        p.put("metadata.namespace", namespace);
        p.put("metadata.name", name);
        p.put("type", "kubernetes.io/tls");
        p.put("data[tls.crt]", base64(crtPem));
        p.put("data[tls.key]", base64(keyPem));
        return p;
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    public static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
