package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import edgebox.objects.testing.TestCertificates;
import edgebox.objects.testing.YamlObjects;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.tls.CertificateIndex;
import edgebox.proxy.upstream.ConnectionCaps;

/**
 * BackendTLSPolicy on real sockets: curl in front of the proxy, {@code openssl s_server} behind it with a
 * certificate made here, trusted through a ConfigMap's {@code ca.crt}. A verified backend answers; a wrong name or
 * an unknown CA gives 503 before any byte of the request reaches the backend. A TLS listener in mode Terminate
 * relays a TLSRoute's plaintext both ways, and re-encrypts toward a backend under a policy.
 */
class BackendTlsSocketTest {

    private static TestCertificates.Made backendCert;
    private static TestCertificates.Made rogueCa;
    private static TestCertificates.Made frontCert;
    private static OpensslServer strict;

    @BeforeAll
    static void servers() throws Exception {
        backendCert = TestCertificates.make(TestCertificates.Kind.EC, "backend.test");
        rogueCa = TestCertificates.make(TestCertificates.Kind.EC, "rogue-ca.test");
        frontCert = TestCertificates.make(TestCertificates.Kind.EC, "relay.test");
        strict = new OpensslServer(backendCert, true, "backend.test");
    }

    @AfterAll
    static void stop() throws Exception {
        strict.close();
    }

    private static String indent(String pem) {
        return pem.strip().replace("\n", "\n    ");
    }

    /** An HTTP Gateway on the proxy's port routing everything to Service apps/web:443, under the given policy. */
    private static String manifests(int proxyPort, int backendPort, String caPem, String validation) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: apps}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                  - {name: http, port: %1$d, protocol: HTTP}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: apps}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{backendRefs: [{name: web, port: 443}]}]
                """.formatted(proxyPort) + backend(backendPort, caPem, validation);
    }

    private static String backend(int backendPort, String caPem, String validation) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: apps}
                spec: {ports: [{name: https, port: 443}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, namespace: apps, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: https, port: %1$d}]
                endpoints: [{addresses: [127.0.0.1]}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: backend-ca, namespace: apps}
                data:
                  ca.crt: |
                    %2$s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: web-tls, namespace: apps}
                spec:
                  targetRefs: [{group: "", kind: Service, name: web, sectionName: https}]
                  validation: %3$s
                """.formatted(backendPort, indent(caPem), validation);
    }

    private static ProxyHarness proxy(OpensslServer backend, TestCertificates.Made ca, String validation)
            throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), (bound, unused) -> Compiler.compile(1, YamlObjects.snapshot(
                manifests(bound.getPort(), backend.port, ca.certificatePem(), validation))).snapshot(), null);
    }

    private static String curl(int port) throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "--max-time", "5", "-w", "\n%{http_code}",
                "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        assertTrue(curl.waitFor(10, TimeUnit.SECONDS));
        return new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aVerifiedBackendAnswersWithSniTheHostname() throws Exception {
        try (ProxyHarness p = proxy(strict, backendCert, "{caCertificateRefs: [{kind: ConfigMap, name: backend-ca}], "
                + "hostname: backend.test}")) {
            String out = curl(p.port());
            assertTrue(out.endsWith("\n200"), out);
            assertTrue(out.contains("<HTML>"), "s_server's status page: " + out);
        }
    }

    @Test
    void aWrongHostnameGets503AndNothingReachesTheBackend() throws Exception {
        try (OpensslServer recording = new OpensslServer(backendCert, false, null);
                ProxyHarness p = proxy(recording, backendCert, "{caCertificateRefs: [{kind: ConfigMap, "
                + "name: backend-ca}], hostname: wrong.test}")) {
            String out = curl(p.port());
            assertTrue(out.endsWith("\n503"), out);
            assertTrue(out.contains("upstream TLS error") && out.contains("wrong.test"), out);
            assertFalse(recording.received().contains("GET /"), recording.received());
        }
    }

    @Test
    void anUnknownCaGets503AndNothingReachesTheBackend() throws Exception {
        try (OpensslServer recording = new OpensslServer(backendCert, false, null);
                ProxyHarness p = proxy(recording, rogueCa, "{caCertificateRefs: [{kind: ConfigMap, "
                + "name: backend-ca}], hostname: backend.test}")) {
            String out = curl(p.port());
            assertTrue(out.endsWith("\n503"), out);
            assertTrue(out.contains("upstream TLS error") && out.contains("certification path"), out);
            assertFalse(recording.received().contains("GET /"), recording.received());
        }
    }

    @Test
    void subjectAltNamesReplaceTheHostnameAndTheRequestGoesOut() throws Exception {
        try (OpensslServer recording = new OpensslServer(backendCert, false, null);
                ProxyHarness p = proxy(recording, backendCert, "{caCertificateRefs: [{kind: ConfigMap, "
                + "name: backend-ca}], hostname: sni-only.test, subjectAltNames: [{type: Hostname, "
                + "hostname: '*.test'}]}")) {
            curl(p.port());
            assertTrue(recording.received().contains("GET / HTTP/1.1"), recording.received());
        }
    }

    @Test
    void tlsConnectionsHoldTheEndpointsConnectionSlots() throws Exception {
        try (OpensslServer silent = new OpensslServer(backendCert, false, null);
                ProxyHarness p = new ProxyHarness(Limits.defaults(), new ConnectionCaps(1, 0, 1_000),
                        (bound, unused) -> Compiler.compile(1, YamlObjects.snapshot(manifests(bound.getPort(),
                                silent.port, backendCert.certificatePem(), "{caCertificateRefs: [{kind: ConfigMap, "
                                + "name: backend-ca}], hostname: backend.test}"))).snapshot(), null)) {
            Process first = new ProcessBuilder("curl", "-s", "--max-time", "5", "http://127.0.0.1:" + p.port() + "/")
                    .redirectErrorStream(true).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!silent.received().contains("GET /") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(silent.received().contains("GET /"), "the first request holds the one TLS connection");
                String second = curl(p.port());
                assertTrue(second.endsWith("\n503"), second);
                assertTrue(second.contains("upstream overloaded"), second);
            } finally {
                first.destroy();
            }
        }
    }

    /** A TLS listener in mode Terminate with the front certificate: TLSRoute relay.test to Service apps/web:443. */
    private static String terminate(int proxyPort) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: apps}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                  - name: tls
                    port: %1$d
                    protocol: TLS
                    tls: {mode: Terminate, certificateRefs: [{name: front}]}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: front, namespace: apps}
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                    %2$s
                  tls.key: |
                    %3$s
                ---
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TLSRoute
                metadata: {name: relay, namespace: apps}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [relay.test]
                  rules: [{backendRefs: [{name: web, port: 443}]}]
                """.formatted(proxyPort, indent(frontCert.certificatePem()), indent(frontCert.pkcs8KeyPem()));
    }

    private static SSLSocket client(int port) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("front", frontCert.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters params = s.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName("relay.test")));
        params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        s.setSSLParameters(params);
        s.setSoTimeout(5000);
        s.startHandshake();
        return s;
    }

    @Test
    void aTerminateListenerRelaysTheTlsRoutesPlaintextBothWays() throws Exception {
        try (LineEcho echo = new LineEcho();
                ProxyHarness p = new ProxyHarness(Limits.defaults(), (bound, unused) -> Compiler.compile(1,
                        YamlObjects.snapshot(terminate(bound.getPort()) + plainBackend(echo.port()))).snapshot(),
                        CertificateIndex.of(List.of(frontCert.tls("apps", "front"))));
                SSLSocket s = client(p.port())) {
            assertEquals("", s.getApplicationProtocol(), "no ALPN: the backend's protocol is its own");
            s.getOutputStream().write("hello through TLS\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String line = new String(s.getInputStream().readNBytes("echo: hello through TLS\n".length()),
                    StandardCharsets.US_ASCII);
            assertEquals("echo: hello through TLS\n", line);
        }
    }

    @Test
    void aTerminateListenerReEncryptsTowardABackendUnderAPolicy() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), (bound, unused) -> Compiler.compile(1,
                YamlObjects.snapshot(terminate(bound.getPort()) + backend(strict.port, backendCert.certificatePem(),
                        "{caCertificateRefs: [{kind: ConfigMap, name: backend-ca}], hostname: backend.test}")))
                .snapshot(), CertificateIndex.of(List.of(frontCert.tls("apps", "front"))));
                SSLSocket s = client(p.port())) {
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.0 200 ok"), answer);
        }
    }

    private static String plainBackend(int port) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: apps}
                spec: {ports: [{name: tcp, port: 443}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, namespace: apps, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: tcp, port: %d}]
                endpoints: [{addresses: [127.0.0.1]}]
                """.formatted(port);
    }
}
