package edgebox.console.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.junit.jupiter.api.Test;

class SessionStatsTest {

    private static Session session(boolean authenticated) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("isAuthenticated") ? authenticated : null);
    }

    @Test
    void countsLoggedInSessionsAndFailedLogins() {
        SessionStats stats = new SessionStats();
        AtomicInteger reported = new AtomicInteger();
        stats.onFailedLogin(reported::incrementAndGet);

        Session admin = session(true);
        stats.sessionEvent(admin, SessionListener.Event.Authenticated);
        assertEquals(1, stats.active());

        stats.sessionClosed(session(false));
        assertEquals(1, stats.failedLogins());
        assertEquals(1, reported.get());

        stats.sessionClosed(admin);
        assertEquals(0, stats.active());
        assertEquals(1, stats.failedLogins());
    }
}
