package edgebox.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.console.ssh.TestPolicy;

/** The console in Felix, driven by the real OpenSSH client, with and without a policy decision point. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SshConsoleIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private HealthCheck health;

    @Configuration
    public Option[] config() throws IOException {
        Path home = Files.createTempDirectory("edgebox-console-it");
        return options(
                cleanCaches(),
                junitBundles(),
                frameworkProperty("edgebox.home").value(home.toString()),
                mavenBundle("org.slf4j", "slf4j-api", "1.7.36"),
                mavenBundle("org.slf4j", "slf4j-simple", "1.7.36").noStart(),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", "2.2.12"),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", "1.9.26"),
                mavenBundle("org.osgi", "org.osgi.service.log", "1.3.0"),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype", "1.2.4"),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime", "1.1.6"),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.command", "1.1.2"),
                mavenBundle("org.bouncycastle", "bcprov-jdk18on", "1.87"),
                mavenBundle("org.apache.sshd", "sshd-osgi", "2.16.0"),
                mavenBundle("org.jline", "jline", "3.30.6"),
                mavenBundle("io.netty", "netty-common", "4.2.18.Final"),
                mavenBundle("io.netty", "netty-buffer", "4.2.18.Final"),
                mavenBundle("io.netty", "netty-resolver", "4.2.18.Final"),
                mavenBundle("io.netty", "netty-transport", "4.2.18.Final"),
                bundle("file:" + System.getProperty("api.bundle")),
                bundle("file:" + System.getProperty("console.bundle")));
    }

    @Test
    public void sshConsoleRunsCommandsForKeysOnlyAndNeverStopsTheBox() throws Exception {
        Path home = Path.of(context.getProperty("edgebox.home"));
        Path key = home.resolve("client/id_ed25519");
        Path stranger = home.resolve("client/stranger");
        Files.createDirectories(key.getParent());
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "admin@test", "-f", key.toString()), null);
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "stranger@test", "-f", stranger.toString()), null);
        Files.createDirectories(home.resolve("etc"));
        Files.copy(home.resolve("client/id_ed25519.pub"), home.resolve("etc/authorized_keys"));

        int port = freePort();
        configure(port);
        awaitHealth(h -> h.detail().contains("127.0.0.1:" + port), "bound to port " + port);
        awaitHealth(h -> h.status() == Health.Status.UP && h.detail().contains("1 keys"), "UP with 1 key");

        Result lb = ssh(key, port, "lb");
        assertEquals(lb.toString(), 0, lb.status);
        assertTrue(lb.toString(), lb.out.contains("System Bundle") && lb.out.contains("edgebox console"));

        Result failing = ssh(key, port, "nosuchcommand");
        assertEquals(failing.toString(), 1, failing.status);
        assertTrue(failing.toString(), failing.err.contains("Command not found: nosuchcommand"));

        for (String line : List.of("exit 0", "gc", "getProperty java.version")) {
            Result system = ssh(key, port, line);
            assertEquals(system.toString(), 1, system.status);
            assertTrue(system.toString(), system.err.contains("Command not found: " + line.split(" ")[0]));
        }
        assertEquals(Bundle.ACTIVE, context.getBundle(0).getState());

        TestPolicy deny = TestPolicy.always(Decision.DENY);
        ServiceRegistration<PolicyDecisionPoint> denying =
                context.registerService(PolicyDecisionPoint.class, deny, null);
        Result refused = ssh(key, port, "lb");
        assertEquals(refused.toString(), 255, refused.status);
        // closed before the version exchange: "Connection closed by remote host", or a reset when the client's own
        // version line was already in the server's receive buffer
        assertTrue(refused.toString(), refused.err.contains("kex_exchange_identification") && refused.out.isEmpty());
        assertEquals(List.of("console 127.0.0.1 -> 127.0.0.1:" + port + "/6"), deny.asked);
        awaitHealth(h -> h.detail().contains("1 connections refused by policy"), "counting the refusal");
        denying.unregister();
        ServiceRegistration<PolicyDecisionPoint> requests =
                context.registerService(PolicyDecisionPoint.class, TestPolicy.always(Decision.REQUESTS), null);
        Result admitted = ssh(key, port, "lb");
        assertEquals(admitted.toString(), 0, admitted.status);
        requests.unregister();

        Result shell = run(List.of("timeout", "20", "/usr/bin/ssh", "-tt", "-i", key.toString(), "-p", "" + port,
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "edgebox@127.0.0.1"), "felix:lb\nexit 0\n");
        assertEquals(shell.toString(), 0, shell.status);
        assertTrue(shell.toString(), shell.out.contains("edgebox> ") && shell.out.contains("System Bundle"));
        assertEquals(Bundle.ACTIVE, context.getBundle(0).getState());

        Result unknown = ssh(stranger, port, "lb");
        assertEquals(unknown.toString(), 255, unknown.status);
        assertTrue(unknown.toString(), unknown.err.contains("Permission denied (publickey)"));

        Result password = run(List.of("timeout", "20", "/usr/bin/ssh", "-p", "" + port,
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "PubkeyAuthentication=no",
                "edgebox@127.0.0.1", "lb"), null);
        assertEquals(password.toString(), 255, password.status);
        assertTrue(password.toString(), password.err.contains("Permission denied (publickey)"));

        int moved = freePort();
        configure(moved);
        awaitHealth(h -> h.detail().contains("127.0.0.1:" + moved), "moved to port " + moved);
        Result again = ssh(key, moved, "lb");
        assertEquals(again.toString(), 0, again.status);
        Result old = ssh(key, port, "lb");
        assertEquals(old.toString(), 255, old.status);

        Files.writeString(home.resolve("etc/authorized_keys"), "");
        awaitHealth(h -> h.status() == Health.Status.DEGRADED && h.detail().contains("0 keys"), "DEGRADED, no keys");
        Result nobody = ssh(key, moved, "lb");
        assertEquals(nobody.toString(), 255, nobody.status);
    }

    private void configure(int port) throws IOException {
        org.osgi.service.cm.Configuration configuration =
                configurationAdmin.getConfiguration("edgebox.console.ssh", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("port", port);
        configuration.update(properties);
    }

    private void awaitHealth(Predicate<Health> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Health last = health.health();
        while (!condition.test(last)) {
            assertTrue("console health never " + what + "; last: " + last, System.nanoTime() < deadline);
            Thread.sleep(50);
            last = health.health();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Result ssh(Path key, int port, String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("timeout", "20", "/usr/bin/ssh", "-i", key.toString(),
                "-p", "" + port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "edgebox@127.0.0.1",
                command));
        return run(argv, null);
    }

    private static Result run(List<String> argv, String input) throws Exception {
        Path out = Files.createTempFile("console-it", ".out");
        Path err = Files.createTempFile("console-it", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(argv + ": still running after 30 s");
            }
            return new Result(argv, process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Result(List<String> argv, int status, String out, String err) {
        @Override
        public String toString() {
            return argv + " -> " + status + "\nstdout: " + out + "\nstderr: " + err;
        }
    }
}
