package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import edgebox.api.tls.TlsCertificate;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.tls.CertificateIndex;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS ports: H3's TlsFront terminates, then HTTP/2 or HTTP/1.1 as ALPN chose; X-Forwarded-Proto is https. */
class TlsSocketTest {

    private static SelfSignedCertificate self;
    private static CertificateIndex index;

    @BeforeAll
    static void certificate() throws Exception {
        self = new SelfSignedCertificate("secure.example");
        index = CertificateIndex.of(List.of(new TlsCertificate("ns", "cert", self.key(), List.of(self.cert()))));
    }

    @AfterAll
    static void delete() {
        self.delete();
    }

    private static ProxyHarness proxy() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(RouteDecision.Timeouts.NONE,
                RouteDecision.Retry.NONE), index);
    }

    @Test
    void http11ByAlpnWithSni() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("self", self.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        try (ProxyHarness p = proxy();
                SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", p.port())) {
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName("secure.example")));
            params.setApplicationProtocols(new String[] {"http/1.1"});
            s.setSSLParameters(params);
            s.setSoTimeout(5000);
            s.startHandshake();
            assertEquals("http/1.1", s.getApplicationProtocol());
            s.getOutputStream().write("GET /tls HTTP/1.1\r\nHost: secure.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
            assertTrue(answer.contains("x-forwarded-proto: https\n"), answer);
        }
    }

    @Test
    void http2ByAlpnWithCurl() throws Exception {
        try (ProxyHarness p = proxy()) {
            Process curl = new ProcessBuilder("curl", "-s", "--http2", "--cacert", self.certificate().getPath(),
                    "--resolve", "secure.example:" + p.port() + ":127.0.0.1", "-w", "\n%{http_version} %{http_code}",
                    "https://secure.example:" + p.port() + "/tls2").start();
            assertTrue(curl.waitFor(10, TimeUnit.SECONDS));
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.endsWith("\n2 200"), out);
            assertTrue(out.contains("x-forwarded-proto: https\n"), out);
        }
    }
}
