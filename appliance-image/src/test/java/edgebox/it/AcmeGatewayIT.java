package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Implicit Certificates for Gateway listeners (cert-manager's gateway-shim) in the built distribution (boot = core,
 * proxy, dns, acme) against Pebble, which validates DNS-01 through the box's own DNS: a Gateway annotated
 * {@code cert-manager.io/cluster-issuer} gets one certificate for its two HTTPS listeners sharing a Secret, and the
 * proxy presents it on that listener (openssl s_client verifies it against Pebble's root only); a Gateway without
 * annotations is covered by {@code autoIssuer}; an explicit Certificate for a listener's Secret wins; a bad
 * annotation value leaves its Gateway out with a log line naming it; acme:certs shows where each one comes from.
 */
class AcmeGatewayIT {

    static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Backend app;
    static AcmePebble pebble;
    static int annotatedPort;
    static int plainPort;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        app = Backend.start("A");
        box = Box.create(dir, "AcmeGatewayIT");
        key = box.authorize(dir, "operator");
        int dns = Box.freePort();
        int http = Box.freePort();
        annotatedPort = Box.freePort();
        plainPort = Box.freePort();
        int badPort = Box.freePort();
        pebble = AcmePebble.start(dir.resolve("pebble"), "AcmeGatewayIT", Box.freePort(), Box.freePort(), http, dns);
        box.writeCfg("edgebox.features", "boot = core,proxy,dns,acme\n");
        box.writeCfg("edgebox.dns", "address = 127.0.0.1\nport = " + dns + "\ngatewayDomains = shim.test\n");
        box.writeCfg("edgebox.acme", "autoIssuer = pebble\n");
        Path manifests = box.home.resolve("etc/manifests");
        Files.deleteIfExists(manifests.resolve("demo.yaml"));
        Files.deleteIfExists(manifests.resolve("acme-pebble.yaml"));
        String all = "allowedRoutes: {namespaces: {from: All}}";
        Files.writeString(manifests.resolve("shim.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: envoy-internal
                  namespace: network
                  annotations:
                    cert-manager.io/cluster-issuer: pebble
                    cert-manager.io/private-key-algorithm: ECDSA
                    cert-manager.io/duration: 2160h
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                    - {name: http, protocol: HTTP, port: %1$d, %5$s}
                    - name: https
                      protocol: HTTPS
                      port: %2$d
                      hostname: www.shim.test
                      tls: {certificateRefs: [{kind: Secret, name: www-tls}]}
                      %5$s
                    - name: https-api
                      protocol: HTTPS
                      port: %2$d
                      hostname: api.shim.test
                      tls: {certificateRefs: [{name: www-tls}]}
                      %5$s
                    - name: https-explicit
                      protocol: HTTPS
                      port: %2$d
                      hostname: explicit.shim.test
                      tls: {certificateRefs: [{name: explicit-tls}]}
                      %5$s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: plain, namespace: network}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                    - name: https
                      protocol: HTTPS
                      port: %3$d
                      hostname: auto.shim.test
                      tls: {certificateRefs: [{name: auto-tls}]}
                      %5$s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: bad
                  namespace: network
                  annotations: {cert-manager.io/cluster-issuer: pebble, cert-manager.io/duration: soon}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                    - name: https
                      protocol: HTTPS
                      port: %4$d
                      hostname: bad.shim.test
                      tls: {certificateRefs: [{name: bad-tls}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: it}
                spec:
                  parentRefs: [{name: envoy-internal, namespace: network}, {name: plain, namespace: network}]
                  hostnames: ["*.shim.test"]
                  rules: [{backendRefs: [{name: svc-a, port: 80}]}]
                ---
                %6$s
                ---
                %7$s
                ---
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: pebble}
                spec:
                  acme:
                    server: %8$s
                    email: ops@shim.test
                    privateKeySecretRef: {name: pebble-account}
                    caBundle: %9$s
                    solvers: [{dns01: {edgebox: {}}}]
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: explicit, namespace: network}
                spec:
                  secretName: explicit-tls
                  dnsNames: [explicit.shim.test, alt.shim.test]
                  issuerRef: {name: pebble, kind: ClusterIssuer}
                """.formatted(http, annotatedPort, plainPort, badPort, all, ProxyIT.service("A"),
                ProxyIT.slice("A", app.port), pebble.directory(),
                Base64.getEncoder().encodeToString(Files.readAllBytes(pebble.ca))));
        box.start().awaitReady();
        root = dir.resolve("pebble-root.pem");
        Tools.Result r = Tools.run(Duration.ofSeconds(10), null, "curl", "-sS", "-f", "--cacert",
                pebble.ca.toString(), "-o", root.toString(), "https://127.0.0.1:" + pebble.management + "/roots/0");
        assertEquals(0, r.exit(), "Pebble's root: " + r);
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        if (pebble != null) {
            pebble.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** openssl s_client to {@code port} for {@code host}, verifying the chain against Pebble's root and the name. */
    static Tools.Result verify(int port, String host) throws Exception {
        return Tools.run(Duration.ofSeconds(10), null, "sh", "-c", "openssl s_client -connect 127.0.0.1:" + port
                + " -servername " + host + " -CAfile " + root + " -verify_return_error -verify_hostname " + host
                + " </dev/null 2>&1");
    }

    /** {@code openssl x509 -noout ARGS} of the certificate presented on {@code port} for {@code host}. */
    static String served(int port, String host, String args) throws Exception {
        return Tools.run(Duration.ofSeconds(10), null, "sh", "-c", "openssl s_client -connect 127.0.0.1:" + port
                + " -servername " + host + " </dev/null 2>/dev/null | openssl x509 -noout " + args).out();
    }

    static Tools.Result verified(int port, String host) throws Exception {
        return Tools.until(WITHIN, x -> x.exit() == 0 && x.out().contains("Verify return code: 0 (ok)"),
                () -> verify(port, host));
    }

    @Test
    void annotatedListenersSharingASecretGetOneCertificateThatTheListenerPresents() throws Exception {
        Tools.Result www = verified(annotatedPort, "www.shim.test");
        assertTrue(www.out().contains("Verify return code: 0 (ok)"), www + "\n" + box.output());
        Tools.Result api = verify(annotatedPort, "api.shim.test");
        assertTrue(api.out().contains("Verify return code: 0 (ok)"), api.toString());
        String san = served(annotatedPort, "www.shim.test", "-ext subjectAltName");
        assertTrue(san.contains("DNS:www.shim.test") && san.contains("DNS:api.shim.test"), san);
        String text = served(annotatedPort, "api.shim.test", "-text");
        assertTrue(text.contains("id-ecPublicKey"), "cert-manager.io/private-key-algorithm: ECDSA\n" + text);
        Tools.Result r = Tools.run(Duration.ofSeconds(10), null, "curl", "-sS", "-f", "--max-time", "5", "--cacert",
                root.toString(), "--resolve", "www.shim.test:" + annotatedPort + ":127.0.0.1",
                "https://www.shim.test:" + annotatedPort + "/x");
        assertTrue(r.exit() == 0 && r.out().startsWith("A GET /x"), r.toString());
    }

    @Test
    void theAutoIssuerCoversAGatewayWithoutAnnotations() throws Exception {
        Tools.Result auto = verified(plainPort, "auto.shim.test");
        assertTrue(auto.out().contains("Verify return code: 0 (ok)"), auto + "\n" + box.output());
    }

    @Test
    void anExplicitCertificateWinsItsSecretAndTheConsoleShowsWhereEachComesFrom() throws Exception {
        verified(annotatedPort, "explicit.shim.test");
        String san = served(annotatedPort, "explicit.shim.test", "-ext subjectAltName");
        assertTrue(san.contains("DNS:alt.shim.test"), "the explicit Certificate's names are served: " + san);
        Tools.Result certs = Tools.until(WITHIN, x -> x.out().matches("(?s).*network/auto-tls\\s+\\S+\\s+True.*"),
                () -> Tools.ssh(box.sshPort, key, "acme:certs"));
        String out = certs.out();
        assertTrue(out.contains("implicit, from Gateway network/envoy-internal listener https; "
                + "Gateway network/envoy-internal listener https-api"), out);
        assertTrue(out.contains("implicit, from Gateway network/plain listener https"), out);
        assertTrue(out.matches("(?s).*network/www-tls\\s+ClusterIssuer/pebble\\s+True\\s+Ready.*"), out);
        assertTrue(out.matches("(?s).*network/explicit\\s+ClusterIssuer/pebble.*"), out);
        assertFalse(out.contains("network/explicit-tls"), "no implicit Certificate for an explicit one's Secret\n"
                + out);
        assertTrue(out.contains("3 certificates, 2 implicit"), out);
    }

    @Test
    void aBadAnnotationLeavesItsGatewayOutWithALogLineNamingIt() throws Exception {
        String line = box.awaitLine("Gateway network/bad: metadata.annotations[cert-manager.io/duration]: \"soon\" "
                + "is not a duration", WITHIN);
        assertTrue(line.contains("no implicit Certificates for this Gateway"), line);
        Tools.Result certs = Tools.ssh(box.sshPort, key, "acme:certs");
        assertTrue(certs.out().contains("left out: Gateway network/bad: metadata.annotations[cert-manager.io/"
                + "duration]"), certs.toString());
        assertFalse(certs.out().contains("network/bad-tls"), certs.toString());
    }
}
