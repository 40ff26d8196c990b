package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy bundle itself is replaced in deploy/ while wrk drives requests through it: the listening socket passes to
 * the new bundle and the old one drains, so wrk sees no error and no non-2xx answer.
 */
class ProxyHotDeployIT {

    static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Backend backend;
    static int http;
    static byte[] proxyJar;

    @BeforeAll
    static void start() throws Exception {
        backend = Backend.start("A");
        box = Box.create(dir, "ProxyHotDeployIT");
        key = box.authorize(dir, "operator");
        http = Box.freePort();
        Files.deleteIfExists(box.home.resolve("etc/manifests/demo.yaml"));
        Files.writeString(box.home.resolve("etc/manifests/hot.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: hot}
                spec:
                  gatewayClassName: edgebox
                  listeners: [{name: http, protocol: HTTP, port: %d}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: all, namespace: hot}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{backendRefs: [{name: svc-web, port: 80}]}]
                ---
                %s
                ---
                %s
                """.formatted(http, ProxyIT.service("web").replace("namespace: it", "namespace: hot"),
                ProxyIT.slice("web", backend.port).replace("namespace: it", "namespace: hot")));
        for (String lib : List.of("netty-codec-http2", "bcutil-jdk18on", "bcpkix-jdk18on")) {
            box.deploy(lib + ".jar", Files.readAllBytes(systemJar(lib)));
        }
        proxyJar = Files.readAllBytes(systemJar("proxy"));
        box.deploy("edgebox-proxy.jar", proxyJar);
        box.start().awaitReady();
        Tools.Result up = Tools.until(WITHIN, r -> r.out().startsWith("A "), () -> ProxyIT.curl(
                "http://127.0.0.1:" + http + "/x"));
        assertTrue(up.out().startsWith("A "), "the deployed proxy serves: " + up + "\noutput:\n" + box.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        backend.close();
    }

    /** The jar of artifact {@code artifactId} in the distribution's system/ tree. */
    static Path systemJar(String artifactId) throws Exception {
        try (Stream<Path> files = Files.walk(Box.DIST.resolve("system"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(artifactId + "-")
                    && p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + artifactId + " in system/"));
        }
    }

    /** The same bundle with another Bundle-Version, as a rebuilt proxy would come. */
    static byte[] withVersion(byte[] jar, String version) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    jarOut.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jarOut);
                    jarOut.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    void replacingTheProxyBundleUnderLoadDropsNoRequest() throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c20", "-d8s", "http://127.0.0.1:" + http + "/load")
                .redirectErrorStream(true).start();
        try {
            Thread.sleep(2000);
            long before = backend.requests.get();
            box.deploy("edgebox-proxy.jar", withVersion(proxyJar, "0.1.0.hotdeploy2"));
            Tools.Result version = Tools.until(WITHIN, r -> r.out().contains("0.1.0.hotdeploy2")
                    && r.out().contains("Active"), () -> Tools.ssh(box.sshPort, key, "lb -s edgebox.proxy"));
            assertTrue(version.out().contains("0.1.0.hotdeploy2"), "the new proxy is active: " + version);
            assertTrue(wrk.waitFor(40, TimeUnit.SECONDS), "wrk ends");
            String out = new String(wrk.getInputStream().readAllBytes());
            System.out.println("wrk across the proxy update:\n" + out);
            assertTrue(out.contains("requests in"), out);
            assertFalse(out.contains("Socket errors"), "no socket error across the update:\n" + out
                    + "\noutput:\n" + box.output());
            assertFalse(out.contains("Non-2xx"), "no failed request across the update:\n" + out);
            assertTrue(backend.requests.get() > before + 100, "requests flowed: " + out);
            Tools.Result after = ProxyIT.curl("http://127.0.0.1:" + http + "/after");
            assertEquals(0, after.exit(), after.toString());
            assertTrue(after.out().startsWith("A "), after.toString());
        } finally {
            wrk.destroyForcibly();
        }
    }
}
