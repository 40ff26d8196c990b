package edgebox.console.ssh;

import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.SessionFactory;

/**
 * sshd's session factory with the policy asked first: a connection the policy denies is closed as soon as it is
 * accepted, before the server sends its identification line, and no SSH session is made for it (so it counts as a
 * refusal, never as a failed login).
 */
final class AdmittingSessionFactory extends SessionFactory {

    private final PolicyAdmission admission;

    AdmittingSessionFactory(ServerFactoryManager server, PolicyAdmission admission) {
        super(server);
        this.admission = admission;
    }

    @Override
    public void sessionCreated(IoSession io) throws Exception {
        if (admission.admits(io.getRemoteAddress(), io.getLocalAddress())) {
            super.sessionCreated(io);
        } else {
            io.close(true);
        }
    }

    /** A refused connection has no SSH session to close. */
    @Override
    public void sessionClosed(IoSession io) throws Exception {
        if (AbstractSession.getSession(io, true) != null) {
            super.sessionClosed(io);
        }
    }
}
