package edgebox.acme.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's Pebble on loopback for tests: a throwaway CA made with openssl for its own TLS, a config JSON with free
 * ports, and {@code pebble-challtestsrv} as the DNS it asks (records set through its management API), unless the
 * caller gives its own DNS server.
 */
final class Pebble implements AutoCloseable {

    final int port;
    final int managementPort;
    final int httpPort;
    final int challPort;
    final int dnsPort;
    final Path ca;
    private final List<Process> processes = new ArrayList<>();

    private Pebble(Path dir, Map<String, String> env, String eabKeys, int dnsServer) throws Exception {
        port = freePort();
        managementPort = freePort();
        httpPort = freePort();
        dnsPort = freePort();
        challPort = freePort();
        ca = dir.resolve("ca.pem");
        Files.createDirectories(dir);
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "2", "-subj", "/CN=test pebble CA", "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                "/CN=localhost", "-keyout", "key.pem", "-out", "req.pem");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(dir, "openssl", "x509", "-req", "-in", "req.pem", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "cert.pem");
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                 "ocspResponderURL": "", "externalAccountBindingRequired": %s %s}}
                """.formatted(port, managementPort, dir.resolve("cert.pem"), dir.resolve("key.pem"), httpPort,
                freePort(), eabKeys != null, eabKeys == null ? "" : ", \"externalAccountMACKeys\": " + eabKeys));
        ProcessBuilder chall = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + challPort,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile());
        processes.add(chall.start());
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + (dnsServer > 0 ? dnsServer : dnsPort))
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        pb.environment().putAll(env);
        processes.add(pb.start());
        awaitPort(port);
        awaitPort(challPort);
        if (dnsServer == 0) {
            // its DNS answers on TCP and UDP from the same start; a validation sent before it listens waits out
            // Pebble's resolver timeouts (seen under load: no issuance within 30 s)
            awaitPort(dnsPort);
        }
    }

    static Pebble start(Path dir, Map<String, String> env, String eabKeys) throws Exception {
        return new Pebble(dir, env, eabKeys, 0);
    }

    /** A Pebble that asks the DNS server on {@code dnsServer} instead of challtestsrv. */
    static Pebble start(Path dir, int dnsServer) throws Exception {
        return new Pebble(dir, Map.of(), null, dnsServer);
    }

    String directory() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    SSLContext tls() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", Keys.certificates(Files.readString(ca)).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Pebble's issuing roots (the management interface's {@code /roots/N}). */
    X509Certificate root(int n) throws Exception {
        Http.Response r = Http.jdk(tls()).send("GET", "https://127.0.0.1:" + managementPort + "/roots/" + n, null,
                null, null);
        return Keys.certificates(r.text()).get(0);
    }

    /** Sets or clears a TXT record in challtestsrv. */
    void txt(String host, String value) throws IOException {
        String path = value == null ? "/clear-txt" : "/set-txt";
        String body = value == null ? "{\"host\":\"" + host + "\"}"
                : "{\"host\":\"" + host + "\",\"value\":\"" + value + "\"}";
        Http.Response r = Http.jdk(null).send("POST", "http://127.0.0.1:" + challPort + path, "application/json",
                null, body.getBytes());
        if (r.status() != 200) {
            throw new IOException("challtestsrv " + path + ": HTTP " + r.status());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listens on 127.0.0.1:" + port + " within 15 s");
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
