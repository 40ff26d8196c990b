package edgebox.acme.issue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import edgebox.acme.client.Keys;

/** Self-signed certificates with chosen validity, for the renewal and store tests. */
public final class TestCerts {

    private TestCerts() {
    }

    public static X509Certificate selfSigned(KeyPair key, String cn, Instant notBefore, Instant notAfter)
            throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(notBefore.toEpochMilli()),
                Date.from(notBefore), Date.from(notAfter), name, key.getPublic());
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    public static X509Certificate selfSigned(String cn, Instant notBefore, Instant notAfter) throws Exception {
        return selfSigned(Keys.generate("ECDSA", 256), cn, notBefore, notAfter);
    }
}
