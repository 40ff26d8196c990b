package edgebox.lb.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair in the root namespace, {@code eblbNNNNa} and {@code eblbNNNNb}: both up, no addresses, IPv6 off, so
 * the kernel sends nothing of its own on them, and IPv4 forwarding off, so it passes no test frame on. A frame sent
 * on one end arrives on the other. Needs root; close() removes both ends.
 */
public final class VethPair implements AutoCloseable {

    private static final int ATTEMPTS = 20;

    private final String a;
    private final String b;

    private VethPair(String a, String b) {
        this.a = a;
        this.b = b;
    }

    /** Creates a pair under names no interface has yet. */
    public static VethPair create() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String stem = String.format("eblb%04d", ThreadLocalRandom.current().nextInt(10_000));
            if (Files.exists(sys(stem + "a")) || Files.exists(sys(stem + "b"))) {
                continue;
            }
            VethPair pair = new VethPair(stem + "a", stem + "b");
            if (run("ip", "link", "add", pair.a, "type", "veth", "peer", "name", pair.b) != 0) {
                continue;
            }
            try {
                pair.quietAndUp(pair.a);
                pair.quietAndUp(pair.b);
                awaitOperational(pair.a);
                awaitOperational(pair.b);
                return pair;
            } catch (IOException | RuntimeException e) {
                pair.close();
                throw e;
            }
        }
        throw new IOException("no free veth pair name eblbNNNNa/b after " + ATTEMPTS + " attempts (is this root?)");
    }

    public String a() {
        return a;
    }

    public String b() {
        return b;
    }

    /** The interface's MAC address as a 48-bit number, as sysfs shows it. */
    public static long mac(String iface) throws IOException {
        return Long.parseLong(read(iface, "address").replace(":", ""), 16);
    }

    public static int mtu(String iface) throws IOException {
        return Integer.parseInt(read(iface, "mtu"));
    }

    private void quietAndUp(String iface) throws IOException {
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf", iface, "disable_ipv6"), "1");
        Files.writeString(Path.of("/proc/sys/net/ipv4/conf", iface, "forwarding"), "0");
        if (run("ip", "link", "set", iface, "up") != 0) {
            throw new IOException("cannot set " + iface + " up");
        }
    }

    /**
     * Waits until the kernel's link watch has found the carrier and attached the interface's queueing discipline
     * (operstate up); until then it drops what is sent on the interface.
     */
    private static void awaitOperational(String iface) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"up".equals(read(iface, "operstate"))) {
            if (System.nanoTime() > deadline) {
                throw new IOException(iface + " is not operational after 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(iface + ": interrupted while waiting for it to come up", e);
            }
        }
    }

    private static String read(String iface, String attribute) throws IOException {
        return Files.readString(sys(iface).resolve(attribute), StandardCharsets.US_ASCII).strip();
    }

    private static Path sys(String iface) {
        return Path.of("/sys/class/net", iface);
    }

    private static int run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 10 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
    }

    /** Removes the pair (deleting one end removes both); harmless when it is already gone. */
    @Override
    public void close() throws IOException {
        if (Files.exists(sys(a))) {
            run("ip", "link", "del", a);
        }
    }
}
