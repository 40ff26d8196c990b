package edgebox.launcher;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * JDK initialisation that every start of the box does later on its start threads, begun on a thread of its own while
 * Felix initialises (a phase that keeps one core busy and leaves the other mostly idle): SunEC's P-256 generator table,
 * built the first time a P-256 key signs (the key check of a TLS Secret), and JSSE's TLS context tables, built when
 * netty's OpenSSL support loads. Both are class initialisers, so whichever thread comes first does the work once.
 */
final class JdkWarmup implements Runnable {

    static Thread start() {
        Thread t = new Thread(new JdkWarmup(), "edgebox-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update((byte) 0);
            signer.sign();
            SSLContext.getInstance("TLS").init(new KeyManager[0], new TrustManager[0], null);
        } catch (GeneralSecurityException | RuntimeException e) {
            // only a head start: whatever did not run here runs where it is first needed
        }
    }
}
