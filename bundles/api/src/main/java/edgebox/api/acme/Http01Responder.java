package edgebox.api.acme;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Answers HTTP-01 challenges (RFC 8555 section 8.3): while a token is published, every plain-HTTP listener answers
 * {@code GET /.well-known/acme-challenge/TOKEN} for any host with the key authorization as {@code text/plain},
 * before any route is consulted. Provided by the proxy.
 */
@ProviderType
public interface Http01Responder {

    void publish(String token, String keyAuthorization);

    void withdraw(String token);
}
