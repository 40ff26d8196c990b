package edgebox.acme.issue;

import java.util.Map;

import edgebox.acme.client.Http;
import edgebox.acme.client.RemoteJson;
import edgebox.acme.model.Solver;
import edgebox.api.acme.Dns01Publisher;
import edgebox.api.acme.Http01Responder;

/**
 * The ways an issuance presents its challenges: the box's own DNS and proxy as the caller has them at the time
 * (either may be null), and, for a solver whose DNS is elsewhere, a publisher made for it with its Secret: the
 * Cloudflare API with the solver's token, or an RFC 2136 primary with its TSIG key.
 */
public final class SolverFactory {

    private final Secrets secrets;
    private final String cloudflareApi;
    private final Http cloudflareHttp;
    private final RemoteJson json;

    public SolverFactory(Secrets secrets, String cloudflareApi, Http cloudflareHttp, RemoteJson json) {
        this.secrets = secrets;
        this.cloudflareApi = cloudflareApi;
        this.cloudflareHttp = cloudflareHttp;
        this.json = json;
    }

    public Issuance.Responders responders(Dns01Publisher dns, Http01Responder http) {
        return new Issuance.Responders(dns, http, this::external);
    }

    /** The publisher of a {@code dns01} solver of type cloudflare or rfc2136; throws when its Secret is missing. */
    Dns01Publisher external(Solver solver) {
        Map<String, String> s = solver.settings();
        return switch (solver.type()) {
            case DNS01_CLOUDFLARE -> new CloudflareDns01(cloudflareApi, secret(s), cloudflareHttp, json);
            case DNS01_RFC2136 -> {
                String keyName = s.get("tsigKeyName");
                yield new Rfc2136Dns01(s.get("nameserver"), keyName, s.get("tsigAlgorithm"),
                        keyName == null ? null : secret(s));
            }
            default -> throw new IllegalArgumentException(solver.type() + " publishes through the box itself");
        };
    }

    private String secret(Map<String, String> settings) {
        return secrets.value(settings.get("secretNamespace"), settings.get("secretName"), settings.get("secretKey"));
    }
}
