package edgebox.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Unbound on 127.0.0.1, started in the foreground with its own configuration for one test: it serves the zone
 * {@code upstream.test.} from local data and nothing else (no recursion beyond it, no trust anchor, no syslog).
 */
final class UnboundUpstream implements AutoCloseable {

    final int port;
    private final Process process;

    private UnboundUpstream(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static UnboundUpstream start(Path dir, String... localData) throws Exception {
        int port = Box.freePort();
        Files.createDirectories(dir);
        StringBuilder conf = new StringBuilder("""
                server:
                  interface: 127.0.0.1
                  port: %d
                  do-daemonize: no
                  use-syslog: no
                  logfile: ""
                  username: ""
                  chroot: ""
                  directory: "%s"
                  pidfile: ""
                  do-not-query-localhost: no
                  access-control: 127.0.0.0/8 allow
                  module-config: "iterator"
                  local-zone: "upstream.test." static
                  local-data: "upstream.test. 3600 IN SOA ns.upstream.test. admin.upstream.test. 1 3600 600 86400 300"
                """.formatted(port, dir));
        for (String data : localData) {
            conf.append("  local-data: '").append(data).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("unbound.conf"), conf.toString());
        Process p = new ProcessBuilder("unbound", "-d", "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("unbound.log").toFile()).start();
        UnboundUpstream unbound = new UnboundUpstream(port, p);
        Tools.Result up = Tools.until(Duration.ofSeconds(10), r -> r.exit() == 0 && !r.out().isBlank(),
                () -> Tools.run(Duration.ofSeconds(5), null, "dig", "@127.0.0.1", "-p", Integer.toString(port),
                        "+short", "+time=1", "+tries=1", "upstream.test", "SOA"));
        if (up.exit() != 0 || up.out().isBlank()) {
            unbound.close();
            throw new AssertionError("unbound did not answer: " + up + "\n" + Files.readString(dir.resolve("unbound.log")));
        }
        return unbound;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
