package edgebox.proxy.tls;

import java.security.SecureRandom;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;

/**
 * The session ticket keys of every OpenSSL server context: one set for all certificates, so a context built anew
 * (a renewed certificate) still resumes the sessions its predecessor sealed. The first key seals new tickets, the
 * previous one still opens what it sealed; {@link #rotate} makes a new first key. The JDK engine keeps its own keys.
 */
public final class TicketKeys {

    private final SecureRandom random = new SecureRandom();
    private volatile OpenSslSessionTicketKey[] keys = {newKey()};

    /** A new key seals from now on; the current one still opens, the one before it no longer. */
    public synchronized void rotate() {
        keys = new OpenSslSessionTicketKey[] {newKey(), keys[0]};
    }

    public void applyTo(SslContext context) {
        if (context.sessionContext() instanceof OpenSslSessionContext session) {
            session.setTicketKeys(keys);
        }
    }

    private OpenSslSessionTicketKey newKey() {
        byte[] name = new byte[OpenSslSessionTicketKey.NAME_SIZE];
        byte[] hmac = new byte[OpenSslSessionTicketKey.HMAC_KEY_SIZE];
        byte[] aes = new byte[OpenSslSessionTicketKey.AES_KEY_SIZE];
        random.nextBytes(name);
        random.nextBytes(hmac);
        random.nextBytes(aes);
        return new OpenSslSessionTicketKey(name, hmac, aes);
    }
}
