package edgebox.proxy.tls;

import java.util.List;

import javax.net.ssl.SSLException;

import edgebox.api.tls.TlsCertificate;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * The one TLS policy of the proxy's listeners: TLS 1.3 and 1.2 only, forward-secret AEAD ciphers only (ECDHE with
 * AES-GCM or ChaCha20-Poly1305), ALPN {@code h2} then {@code http/1.1}, session resumption on (TLS 1.3 tickets and
 * the TLS 1.2 session cache). The engine is OpenSSL (netty-tcnative BoringSSL) when it loads, else the JDK's.
 */
public final class TlsSettings {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** In preference order; Java names (netty maps them for OpenSSL). TLS 1.3 suites first. */
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public static final List<String> ALPN = List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    /**
     * The in-memory key store netty hands the key to OpenSSL through. Its default, PKCS#12, protects the key with
     * 10,000 rounds of PBKDF2 to store it and again to read it back, for each context: about 100 ms of CPU in the
     * box's start for the demo's one certificate. JKS protects it with one pass of SHA-1; it never leaves memory.
     */
    static final String KEY_STORE_TYPE = "JKS";

    static final long SESSION_TIMEOUT_SECONDS = 300;
    static final long SESSION_CACHE_SIZE = 20_000;

    private static final ApplicationProtocolConfig ALPN_CONFIG = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, ALPN);

    private TlsSettings() {
    }

    /** OpenSSL when netty-tcnative loaded and offers ALPN, else the JDK. */
    public static SslProvider preferredProvider() {
        try {
            if (OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL)) {
                return SslProvider.OPENSSL;
            }
        } catch (LinkageError e) {
            // tcnative classes absent or not wired: the JDK engine serves
        }
        return SslProvider.JDK;
    }

    /** Why OpenSSL is not used, or empty when it is. For the log and the console. */
    public static String openSslUnavailability() {
        try {
            Throwable cause = OpenSsl.unavailabilityCause();
            return cause == null ? "" : String.valueOf(cause);
        } catch (LinkageError e) {
            return String.valueOf(e);
        }
    }

    /** A server context for {@code certificate} under this policy. */
    public static SslContext serverContext(TlsCertificate certificate, SslProvider provider) throws SSLException {
        return serverContext(certificate, provider, true);
    }

    /**
     * A server context for {@code certificate}; without {@code alpn} it selects no application protocol, for a TLS
     * listener in mode Terminate whose plaintext goes to a TLSRoute backend the box does not speak for.
     */
    public static SslContext serverContext(TlsCertificate certificate, SslProvider provider, boolean alpn)
            throws SSLException {
        return SslContextBuilder.forServer(certificate.key(), certificate.chain())
                .keyStoreType(KEY_STORE_TYPE)
                .trustManager(NoClientCertificates.INSTANCE)
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(alpn ? ALPN_CONFIG : ApplicationProtocolConfig.DISABLED)
                .sessionTimeout(SESSION_TIMEOUT_SECONDS)
                .sessionCacheSize(SESSION_CACHE_SIZE)
                .build();
    }
}
