package edgebox.console.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.console.session.CommandRunner;
import edgebox.console.session.Profile;

/** The real SSH server on loopback and a plain TCP client: what a client sees before any SSH byte. */
class SshConsolePolicyTest {

    @TempDir
    Path home;

    private final AtomicReference<PolicyDecisionPoint> policy = new AtomicReference<>();
    private final SessionStats stats = new SessionStats();
    private final PolicyAdmission admission = new PolicyAdmission(policy::get);
    private SshConsoleServer server;
    private int port;

    @BeforeEach
    void start() {
        server = new SshConsoleServer(new CommandRunner(() -> null, Profile.of(null)), stats, admission);
        server.start(new SshConsoleServer.Settings("127.0.0.1", 0, home.resolve("authorized_keys"),
                home.resolve("host_key")));
        port = ((InetSocketAddress) server.bound()).getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deniedClientIsClosedBeforeTheServerSaysAnything() throws IOException {
        TestPolicy deny = TestPolicy.always(Decision.DENY);
        policy.set(deny);
        assertEquals("", firstLine(), "closed without a byte");
        assertEquals(List.of("console 127.0.0.1 -> 127.0.0.1:" + port + "/6"), deny.asked);
        assertEquals(1, admission.refused());
        assertEquals(0, stats.failedLogins(), "no SSH session was made, so no failed login either");
    }

    @Test
    void allowedClientGetsTheVersionExchange() throws IOException {
        TestPolicy allow = TestPolicy.always(Decision.ALLOW);
        policy.set(allow);
        assertTrue(firstLine().startsWith("SSH-2.0-"));
        assertEquals(1, allow.asked.size());
        assertEquals(0, admission.refused());
    }

    @Test
    void requestsDecisionIsServedLikeAllow() throws IOException {
        policy.set(TestPolicy.always(Decision.REQUESTS));
        assertTrue(firstLine().startsWith("SSH-2.0-"));
    }

    @Test
    void withoutADecisionPointEveryClientIsServed() throws IOException {
        assertTrue(firstLine().startsWith("SSH-2.0-"));
        policy.set(TestPolicy.always(Decision.DENY));
        assertEquals("", firstLine());
        policy.set(null);
        assertTrue(firstLine().startsWith("SSH-2.0-"), "served again once the decision point is gone");
    }

    /** What the server sends first, up to its first line end; empty when it closes without a byte. */
    private String firstLine() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                    line.write(b);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("neither a line nor a close within 5 s; got " + line, e);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
