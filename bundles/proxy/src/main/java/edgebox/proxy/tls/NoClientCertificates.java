package edgebox.proxy.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust of the listeners' server contexts: they ask no client for a certificate, so they trust none and offer no
 * CA. Given to netty in place of its default, which loads the JDK's trust store (about 150 roots parsed, then copied
 * to OpenSSL as acceptable client CAs) for every context built.
 */
final class NoClientCertificates extends X509ExtendedTrustManager {

    static final NoClientCertificates INSTANCE = new NoClientCertificates();

    private static final X509Certificate[] NONE = new X509Certificate[0];

    private NoClientCertificates() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw refused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw refused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw notAClient();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw notAClient();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw notAClient();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }

    private static CertificateException refused() {
        return new CertificateException("listeners accept no client certificate");
    }

    private static CertificateException notAClient() {
        return new CertificateException("a listener's context verifies no server");
    }
}
