package edgebox.proxy.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import edgebox.objects.testing.TestCertificates;

/**
 * {@code openssl s_server} on 127.0.0.1 with a certificate made in the test: {@code www} answers each HTTP request
 * with its status page; otherwise it prints what it receives, which {@link #received()} reads. With
 * {@code requiredSni} a ClientHello naming another server gets a fatal alert. Killed by {@link #close()}.
 */
final class OpensslServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Path output;
    final int port;

    OpensslServer(TestCertificates.Made certificate, boolean www, String requiredSni) throws Exception {
        dir = Files.createTempDirectory("edgebox-s_server");
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.certificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), certificate.pkcs8KeyPem());
        output = dir.resolve("out.txt");
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.toString(), "-key", key.toString()));
        if (www) {
            command.add("-www");
        }
        if (requiredSni != null) {
            command.addAll(List.of("-servername", requiredSni, "-servername_fatal", "-cert2", cert.toString(),
                    "-key2", key.toString()));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("s_server did not start: " + received(), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Everything s_server printed so far: its log and, without www, the bytes it received. */
    String received() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
