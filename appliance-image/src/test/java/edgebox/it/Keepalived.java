package edgebox.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A keepalived (Debian's) VRRPv3 instance on {@code seg0} of a namespace, in the foreground ({@code -n -l -D}, VRRP
 * only), in a session of its own ({@code setsid}) so that {@link #kill()} can SIGKILL its parent and VRRP child at
 * once, as a crash would. Output goes to {@code it-logs/NAME.log}.
 */
final class Keepalived implements AutoCloseable {

    final String ns;
    private final Path dir;
    private final Path conf;
    private final Path log;
    private Process process;

    private Keepalived(String ns, Path dir, Path conf, Path log) {
        this.ns = ns;
        this.dir = dir;
        this.conf = conf;
        this.log = log;
    }

    /** {@code advertSeconds} as keepalived writes it ("0.1"); one IPv4 VIP. */
    static Keepalived create(Path dir, String name, String ns, int vrid, int priority, String advertSeconds,
                             String vip) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(Box.LOGS);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                  router_id %s
                  vrrp_version 3
                }
                vrrp_instance %s {
                  state BACKUP
                  interface seg0
                  virtual_router_id %d
                  priority %d
                  advert_int %s
                  virtual_ipaddress {
                    %s/32
                  }
                }
                """.formatted(name, name, vrid, priority, advertSeconds, vip));
        Path log = Box.LOGS.resolve(name + ".log");
        Files.deleteIfExists(log);
        return new Keepalived(ns, dir, conf, log);
    }

    Keepalived start() throws IOException {
        // setsid: keepalived leads a process group of its own (the JVM's child is no group leader, so setsid execs
        // in place and the process is keepalived's parent), which kill() signals whole
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(List.of(Netns.in(ns, "keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                "-p", dir.resolve("keepalived.pid").toString(), "-r", dir.resolve("vrrp.pid").toString())));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return this;
    }

    /** SIGKILL to keepalived and its VRRP child together (its process group); waits for the parent to end. */
    void kill() throws IOException, InterruptedException {
        Tools.run(Duration.ofSeconds(5), null, "kill", "-KILL", "--", "-" + process.pid());
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            throw new AssertionError("keepalived in " + ns + " (pid " + process.pid() + ") outlived SIGKILL");
        }
        // as with the host gone: its VRRP child may linger as a zombie, which a pid file would take for alive
        Files.deleteIfExists(dir.resolve("keepalived.pid"));
        Files.deleteIfExists(dir.resolve("vrrp.pid"));
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (alive()) {
            Tools.run(Duration.ofSeconds(5), null, "kill", "-TERM", "--", "-" + process.pid());
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
