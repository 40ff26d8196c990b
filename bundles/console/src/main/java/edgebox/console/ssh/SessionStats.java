package edgebox.console.ssh;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Counts logged-in SSH sessions and failed logins (a connection that closed without authenticating).
 * Called on sshd's threads; lock-free.
 */
public final class SessionStats implements SessionListener {

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong failedLogins = new AtomicLong();
    private volatile Runnable onFailedLogin = () -> { };

    public int active() {
        return active.get();
    }

    public long failedLogins() {
        return failedLogins.get();
    }

    /** Called once for each failed login from now on; {@code null} for none. */
    public void onFailedLogin(Runnable listener) {
        onFailedLogin = listener == null ? () -> { } : listener;
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            active.incrementAndGet();
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.isAuthenticated()) {
            active.decrementAndGet();
        } else {
            failedLogins.incrementAndGet();
            onFailedLogin.run();
        }
    }
}
