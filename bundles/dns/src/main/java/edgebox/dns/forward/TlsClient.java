package edgebox.dns.forward;

import java.io.File;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The client TLS context for DoT upstreams (RFC 7858): TLS 1.2 and 1.3, OpenSSL (BoringSSL) where
 * netty's native engine loads, else the JDK's; trust anchors from a PEM file or the JDK's defaults. The server name
 * and hostname verification are set per connection ({@link StreamUpstream}).
 */
final class TlsClient {

    private TlsClient() {
    }

    static SslContext context(String trustFile) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .endpointIdentificationAlgorithm("HTTPS");
        if (!trustFile.isEmpty()) {
            File file = new File(trustFile);
            if (!file.isFile()) {
                throw new IllegalArgumentException("tlsTrust: " + trustFile + " is not a readable file");
            }
            builder.trustManager(file);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tlsTrust: " + trustFile + ": " + e.getMessage(), e);
        }
    }
}
