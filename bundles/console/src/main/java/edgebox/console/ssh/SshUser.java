package edgebox.console.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.server.auth.pubkey.AuthorizedKeyEntriesPublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Who is logged in on an SSH session, in words: the comment of the authorized key that let them in (else the login
 * name), where from, and which session: {@code operator (ssh from 192.0.2.7, session 12)}.
 */
final class SshUser {

    private SshUser() {
    }

    static String describe(ServerSession session) {
        AuthorizedKeyEntry key = session.getAttribute(AuthorizedKeyEntriesPublickeyAuthenticator.AUTHORIZED_KEY);
        String comment = key == null ? null : key.getComment();
        String name = comment == null || comment.isBlank() ? session.getUsername() : comment.strip();
        SocketAddress remote = session.getRemoteAddress();
        String from = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        return name + " (ssh from " + from + ", session " + session.getIoSession().getId() + ")";
    }
}
