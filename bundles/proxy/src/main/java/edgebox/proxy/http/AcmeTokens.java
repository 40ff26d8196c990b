package edgebox.proxy.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.acme.Http01Responder;

/**
 * The HTTP-01 key authorizations published now (RFC 8555 8.3). Plain-HTTP exchanges look up
 * {@code /.well-known/acme-challenge/TOKEN} here before routing.
 */
public final class AcmeTokens implements Http01Responder {

    static final String PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @Override
    public void publish(String token, String keyAuthorization) {
        if (token == null || token.isEmpty() || token.indexOf('/') >= 0) {
            throw new IllegalArgumentException("HTTP-01 token: must be non-empty without '/', was " + token);
        }
        tokens.put(token, keyAuthorization);
    }

    @Override
    public void withdraw(String token) {
        tokens.remove(token);
    }

    /** The key authorization for a request path, or null when the path is no published challenge. */
    String answer(String path) {
        if (tokens.isEmpty() || !path.startsWith(PREFIX)) {
            return null;
        }
        return tokens.get(path.substring(PREFIX.length()));
    }

    public int size() {
        return tokens.size();
    }
}
