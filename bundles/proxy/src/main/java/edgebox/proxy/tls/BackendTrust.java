package edgebox.proxy.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import edgebox.proxy.route.BackendTls;

/**
 * The proxy's trust in a backend under a BackendTLSPolicy: the JDK's PKIX check of the chain against the policy's
 * CA certificates (or the JDK's well-known CAs), then the leaf's subjectAltNames against the policy's names: a DNS
 * name equal to one of {@link BackendTls#dnsNames()} (a {@code *.} name in either holds one whole label), or a URI
 * equal to one of {@link BackendTls#uris()}. The subject CN is never read. Only for the client side.
 */
final class BackendTrust extends X509ExtendedTrustManager {

    private final X509TrustManager chain;
    private final BackendTls tls;

    private BackendTrust(X509TrustManager chain, BackendTls tls) {
        this.chain = chain;
        this.tls = tls;
    }

    static BackendTrust of(BackendTls tls) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.systemTrust()) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                anchors.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (X509Certificate ca : tls.trustAnchors()) {
                anchors.setCertificateEntry("ca-" + i++, ca);
            }
            tmf.init(anchors);
        }
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return new BackendTrust(x, tls);
            }
        }
        throw new GeneralSecurityException("no X509TrustManager from " + tmf.getAlgorithm());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        if (certs == null || certs.length == 0) {
            throw new CertificateException("the backend sent no certificate");
        }
        chain.checkServerTrusted(certs, authType);
        requireName(certs[0], tls);
    }

    /** Throws when no subjectAltName of {@code leaf} is one the policy accepts; the message says which were seen. */
    static void requireName(X509Certificate leaf, BackendTls tls) throws CertificateException {
        List<String> seen = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateException("the backend certificate's subjectAltNames cannot be read", e);
        }
        if (sans != null) {
            for (List<?> san : sans) {
                Object type = san.get(0);
                String value = String.valueOf(san.get(1));
                if (Integer.valueOf(2).equals(type)) {
                    seen.add("DNS:" + value);
                    for (String want : tls.dnsNames()) {
                        if (dnsMatches(want, value)) {
                            return;
                        }
                    }
                } else if (Integer.valueOf(6).equals(type)) {
                    seen.add("URI:" + value);
                    if (tls.uris().contains(value)) {
                        return;
                    }
                }
            }
        }
        throw new CertificateException("the backend certificate's names " + seen + " hold none of "
                + (tls.dnsNames().isEmpty() ? "" : tls.dnsNames()) + (tls.uris().isEmpty() ? "" : tls.uris())
                + " (BackendTLSPolicy " + tls.policy() + ")");
    }

    /** Equal ignoring case, or one side {@code *.rest} and the other one label followed by {@code .rest}. */
    static boolean dnsMatches(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        if (x.equals(y)) {
            return true;
        }
        return wildcard(x, y) || wildcard(y, x);
    }

    private static boolean wildcard(String pattern, String name) {
        if (!pattern.startsWith("*.") || name.startsWith("*.")) {
            return false;
        }
        int dot = name.indexOf('.');
        return dot > 0 && name.substring(dot).equals(pattern.substring(1));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a backend trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a backend trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        throw new CertificateException("a backend trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
