package edgebox.lb.io.tpacket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair {@code eblbtNNNa}/{@code eblbtNNNb} in the root namespace: up, without addresses, IPv6 off so the
 * kernel sends nothing on it by itself. Closing deletes it. Needs root.
 */
final class TestVethPair implements AutoCloseable {

    final String a;
    final String b;

    private TestVethPair(String a, String b) {
        this.a = a;
        this.b = b;
    }

    static TestVethPair create() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            String base = "eblbt" + ThreadLocalRandom.current().nextInt(100, 1000);
            if (Files.exists(Path.of("/sys/class/net", base + "a")) || Files.exists(Path.of("/sys/class/net", base + "b"))) {
                continue;
            }
            TestVethPair pair = new TestVethPair(base + "a", base + "b");
            run("ip", "link", "add", pair.a, "type", "veth", "peer", "name", pair.b);
            try {
                for (String side : List.of(pair.a, pair.b)) {
                    Files.writeString(Path.of("/proc/sys/net/ipv6/conf", side, "disable_ipv6"), "1");
                    run("ip", "link", "set", side, "up");
                }
                return pair;
            } catch (IOException | RuntimeException e) {
                pair.close();
                throw e;
            }
        }
        throw new IOException("no free eblbtNNN veth name after 20 tries");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "link", "del", a);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no answer in 10 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + ": " + output);
        }
    }
}
