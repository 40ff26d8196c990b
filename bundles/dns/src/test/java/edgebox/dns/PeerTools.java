package edgebox.dns;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian tools some tests run as real peers (dig, kdig, unbound, openssl). {@code .ci/run} installs them; a test
 * that needs one fails without it, naming the tool and its package, instead of passing without having asked it.
 */
public final class PeerTools {

    private PeerTools() {
    }

    /** Fails unless {@code command} is an executable file in a folder of PATH, as the test will start it. */
    public static void require(String command, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new AssertionError(command + " is missing (not found on PATH " + path + "): this test runs it as a "
                + "real peer; .ci/run installs it with apt-get install " + debianPackage);
    }

    /** A port free for both TCP and UDP on 127.0.0.1 at the time of asking. */
    public static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for TCP and UDP after 20 tries");
    }
}
