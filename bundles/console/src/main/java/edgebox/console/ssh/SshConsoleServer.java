package edgebox.console.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

import edgebox.console.session.CommandRunner;
import edgebox.console.session.Repl;

/**
 * Owns the Apache MINA SSHD server of the console: public-key login only (no password, no keyboard-interactive,
 * no forwarding), {@code exec} runs one Gogo command line, {@code shell} the interactive console. A connection the
 * policy denies is closed before the version exchange ({@link AdmittingSessionFactory}). All work runs on sshd's own
 * threads; {@link #close()} closes every session and stops them.
 */
public final class SshConsoleServer implements AutoCloseable {

    /** What the server is configured with; paths are absolute. */
    public record Settings(String address, int port, Path authorizedKeys, Path hostKey) {
    }

    /** What the health entry shows. */
    public record Status(String bound, int keys, int sessions, String error) {
    }

    private static final System.Logger LOG = System.getLogger(SshConsoleServer.class.getName());

    private final CommandRunner runner;
    private final SessionStats stats;
    private final PolicyAdmission admission;
    private ConsoleServer server;
    private Settings settings;
    private AuthorizedKeys keys;
    private volatile SocketAddress bound;
    private volatile String error;
    private volatile boolean warnedNoKeys;

    public SshConsoleServer(CommandRunner runner, SessionStats stats, PolicyAdmission admission) {
        this.runner = runner;
        this.stats = stats;
        this.admission = admission;
    }

    /** Starts the server; a failure (bind, host key) is kept for {@link #status()} and logged. */
    public synchronized void start(Settings next) {
        withSshdLoader(() -> doStart(next));
    }

    private void doStart(Settings next) {
        settings = next;
        keys = new AuthorizedKeys(next.authorizedKeys());
        warnIfNoKeys();
        try {
            ConsoleServer created = create(next, HostKeys.loadOrCreate(next.hostKey()));
            server = created;
            created.start();
            bound = first(created.boundAddresses());
            error = null;
            LOG.log(System.Logger.Level.INFO, "console: ssh on {0}, {1} authorized keys in {2}",
                    describe(bound), keys.count(), next.authorizedKeys());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            fail("ssh " + next.address() + ":" + next.port() + ": " + e.getMessage(), e);
            stopQuietly();
        }
    }

    /**
     * Applies a changed configuration without dropping sessions: new keys files apply to the next login, a new
     * address or port binds the new socket before releasing the old one (a failed bind keeps the old one).
     */
    public synchronized void update(Settings next) {
        withSshdLoader(() -> doUpdate(next));
    }

    private void doUpdate(Settings next) {
        if (server == null || !server.isStarted()) {
            doStart(next);
            return;
        }
        Settings previous = settings;
        try {
            if (!next.hostKey().equals(previous.hostKey())) {
                server.setKeyPairProvider(KeyPairProvider.wrap(HostKeys.loadOrCreate(next.hostKey())));
            }
            if (!next.authorizedKeys().equals(previous.authorizedKeys())) {
                keys = new AuthorizedKeys(next.authorizedKeys());
                server.setPublickeyAuthenticator(keys);
                warnedNoKeys = false;
                warnIfNoKeys();
            }
            if (!next.address().equals(previous.address()) || next.port() != previous.port()) {
                rebind(next);
            }
            settings = next;
            error = null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            fail("ssh " + next.address() + ":" + next.port() + ": " + e.getMessage(), e);
        }
    }

    private void rebind(Settings next) throws IOException {
        IoAcceptor acceptor = server.acceptor();
        Set<SocketAddress> before = Set.copyOf(acceptor.getBoundAddresses());
        acceptor.bind(new InetSocketAddress(InetAddress.getByName(next.address()), next.port()));
        acceptor.unbind(before);
        bound = first(acceptor.getBoundAddresses());
        LOG.log(System.Logger.Level.INFO, "console: ssh moved to {0}", describe(bound));
    }

    public Status status() {
        AuthorizedKeys current = keys;
        int count = current == null ? 0 : current.count();
        String keysError = current == null ? null : current.error();
        warnIfNoKeys();
        return new Status(describe(bound), count, stats.active(), error != null ? error : keysError);
    }

    /** The address the server listens on, or {@code null} when it does not. */
    public SocketAddress bound() {
        return bound;
    }

    @Override
    public synchronized void close() {
        withSshdLoader(this::stopQuietly);
    }

    /**
     * sshd finds its security registrars and I/O factory through the thread's context class loader, and its
     * threads inherit it: in OSGi that must be sshd's own bundle, or classes come from the wrong loader.
     */
    private static void withSshdLoader(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SshServer.class.getClassLoader());
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private ConsoleServer create(Settings next, java.security.KeyPair hostKey) {
        ConsoleServer created = (ConsoleServer) ServerBuilder.builder().factory(ConsoleServer::new).build();
        created.setSessionFactory(new AdmittingSessionFactory(created, admission));
        created.setHost(next.address());
        created.setPort(next.port());
        created.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        created.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        created.setPublickeyAuthenticator(keys);
        created.setPasswordAuthenticator(null);
        created.setKeyboardInteractiveAuthenticator(null);
        created.setGSSAuthenticator(null);
        created.setHostBasedAuthenticator(null);
        created.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        created.setAgentFactory(null);
        created.setSubsystemFactories(List.of());
        created.setCommandFactory((channel, command) -> new ExecCommand(command, runner,
                SshUser.describe(channel.getSession())));
        Repl repl = new Repl(runner);
        created.setShellFactory(channel -> new ShellCommand(repl, SshUser.describe(channel.getSession())));
        created.addSessionListener(stats);
        CoreModuleProperties.IDLE_TIMEOUT.set(created, Duration.ofHours(1));
        return created;
    }

    private void warnIfNoKeys() {
        AuthorizedKeys current = keys;
        if (current != null && !warnedNoKeys && current.count() == 0) {
            warnedNoKeys = true;
            LOG.log(System.Logger.Level.WARNING, "console: authorized keys {0}: no keys (missing or empty): "
                    + "nobody can log in over ssh", current.file());
        } else if (current != null && current.count() > 0) {
            warnedNoKeys = false;
        }
    }

    private void fail(String message, Exception e) {
        error = message;
        LOG.log(System.Logger.Level.ERROR, "console: " + message, e);
    }

    private void stopQuietly() {
        ConsoleServer current = server;
        server = null;
        bound = null;
        if (current != null) {
            try {
                current.stop(true);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "console: stopping ssh: " + e.getMessage(), e);
            }
        }
    }

    private static SocketAddress first(Set<SocketAddress> addresses) {
        return addresses.isEmpty() ? null : addresses.iterator().next();
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return address == null ? "not bound" : address.toString();
    }

    /** sshd's server with its acceptor in reach, so that a new address can be bound while sessions stay. */
    static final class ConsoleServer extends SshServer {

        IoAcceptor acceptor() {
            return acceptor;
        }

        Set<SocketAddress> boundAddresses() {
            return acceptor == null ? Set.of() : acceptor.getBoundAddresses();
        }
    }
}
