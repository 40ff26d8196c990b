package edgebox.acme.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * An RFC 8555 client for one account on one server: directory, nonces (kept from every response, refreshed on
 * {@code badNonce}), the account (created or found by its key, with an external account binding when given),
 * orders, authorizations, challenges, finalization and chain download with the alternates of the {@code Link}
 * header, ARI (RFC 9773) when the directory offers {@code renewalInfo}. An answer that is not the JSON object the
 * protocol wants fails as an {@link AcmeException} naming the request.
 *
 * <p>Polling is quick at first (25 ms, doubling to 1 s) and honours Retry-After when the server sends one: a server
 * such as Pebble that sends none finishes a validation within a few polls. Every wait is bounded by a deadline.
 * Not thread-safe: one issuance at a time per client.
 */
public final class AcmeClient {

    public static final Duration FIRST_POLL = Duration.ofMillis(25);
    public static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final String JOSE = "application/jose+json";
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([a-zA-Z-]+)\"?");

    /** How the client waits; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String directoryUrl;
    private final Http http;
    private final RemoteJson json;
    private final Jose jose;
    private final KeyPair key;
    private final Clock clock;
    private final Sleeper sleeper;
    private JsonObject directory;
    private String nonce;
    private String accountUrl;
    private int requests;

    public AcmeClient(String directoryUrl, Http http, RemoteJson json, KeyPair accountKey, Clock clock,
            Sleeper sleeper) {
        this.directoryUrl = directoryUrl;
        this.http = http;
        this.json = json;
        this.jose = new Jose(json);
        this.key = accountKey;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static AcmeClient of(String directoryUrl, Http http, RemoteJson json, KeyPair accountKey) {
        return new AcmeClient(directoryUrl, http, json, accountKey, Clock.systemUTC(), d -> Thread.sleep(d));
    }

    /** Requests sent so far (for the console and the tests). */
    public int requests() {
        return requests;
    }

    public JsonObject directory() throws AcmeException {
        if (directory == null) {
            Http.Response r = exchange("GET", directoryUrl, null, null, null);
            if (r.status() != 200) {
                throw new AcmeException("", r.status(), "directory " + directoryUrl + ": HTTP " + r.status(), null,
                        null);
            }
            directory = parse(r, "directory " + directoryUrl);
        }
        return directory;
    }

    private String resource(String name) throws AcmeException {
        if (!(directory().get(name) instanceof JsonString url)) {
            throw new AcmeException("directory " + directoryUrl + " offers no " + name);
        }
        return url.getString();
    }

    public boolean offersRenewalInfo() throws AcmeException {
        return directory().get("renewalInfo") instanceof JsonString;
    }

    public String thumbprint() {
        return jose.thumbprint((ECPublicKey) key.getPublic());
    }

    public String keyAuthorization(String token) {
        return token + "." + thumbprint();
    }

    /**
     * Creates the account, or finds the one this key already has (RFC 8555 section 7.3); returns its URL. With
     * {@code eabKeyId} non-null the request carries an external account binding made with {@code eabMacKey}.
     */
    public String account(List<String> contacts, String eabKeyId, byte[] eabMacKey) throws AcmeException {
        String url = resource("newAccount");
        JsonObjectBuilder payload = json.object().add("termsOfServiceAgreed", true);
        if (!contacts.isEmpty()) {
            JsonArrayBuilder contact = json.array();
            contacts.forEach(contact::add);
            payload.add("contact", contact);
        }
        if (eabKeyId != null) {
            payload.add("externalAccountBinding",
                    jose.externalAccountBinding(eabKeyId, eabMacKey, (ECPublicKey) key.getPublic(), url));
        }
        Http.Response r = post(url, payload.build(), true, "new account");
        accountUrl = r.header("location");
        if (accountUrl == null) {
            throw new AcmeException("new account: the server gave no account URL (Location)");
        }
        return accountUrl;
    }

    /** An order resource: its URL and its latest JSON. */
    public record Order(String url, JsonObject json) {

        public String status() {
            return json.getString("status", "");
        }

        public List<String> authorizations() {
            JsonArray urls = json.getJsonArray("authorizations");
            return urls == null ? List.of() : urls.getValuesAs(JsonString::getString);
        }
    }

    /** newOrder for DNS identifiers (a wildcard as {@code *.example.com}); {@code replaces} is an ARI cert id. */
    public Order newOrder(List<String> dnsNames, String replaces, String profile) throws AcmeException {
        return newOrder(dnsNames, replaces, profile, null);
    }

    /**
     * newOrder as above, asking for the certificate to end at {@code notAfter} when it is not null (RFC 8555
     * section 7.4, RFC 3339 in whole seconds); a server that does not support it answers with a problem.
     */
    public Order newOrder(List<String> dnsNames, String replaces, String profile, Instant notAfter)
            throws AcmeException {
        JsonArrayBuilder ids = json.array();
        for (String n : dnsNames) {
            ids.add(json.object().add("type", "dns").add("value", n));
        }
        JsonObjectBuilder payload = json.object().add("identifiers", ids);
        if (replaces != null) {
            payload.add("replaces", replaces);
        }
        if (profile != null) {
            payload.add("profile", profile);
        }
        if (notAfter != null) {
            payload.add("notAfter", notAfter.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        String what = "new order " + dnsNames;
        Http.Response r = post(resource("newOrder"), payload.build(), false, what);
        return new Order(r.header("location"), parse(r, what));
    }

    /** POST-as-GET of a JSON resource (authorization, challenge, order). */
    public JsonObject fetch(String url) throws AcmeException {
        String what = "fetch " + url;
        return parse(post(url, null, false, what), what);
    }

    /** Tells the server to validate a challenge (an empty object as payload). */
    public JsonObject respond(String challengeUrl) throws AcmeException {
        String what = "challenge " + challengeUrl;
        return parse(post(challengeUrl, JsonValue.EMPTY_JSON_OBJECT, false, what), what);
    }

    /**
     * POST-as-GET {@code url} until its status is one of {@code done} (returned) or {@code invalid} (a failure
     * naming the error), polling quickly at first; fails at {@code deadline}.
     */
    public JsonObject await(String url, Set<String> done, Instant deadline, String what)
            throws AcmeException, InterruptedException {
        Duration wait = FIRST_POLL;
        while (true) {
            Http.Response r = post(url, null, false, what);
            JsonObject doc = parse(r, what);
            String status = doc.getString("status", "without a status");
            if (done.contains(status)) {
                return doc;
            }
            if ("invalid".equals(status) || "revoked".equals(status) || "expired".equals(status)
                    || "deactivated".equals(status)) {
                throw failure(what, status, doc);
            }
            Instant now = clock.instant();
            Instant next = now.plus(wait);
            Instant retryAfter = r.retryAfter(now);
            if (retryAfter != null && retryAfter.isAfter(next)) {
                next = retryAfter;
            }
            if (next.isAfter(deadline)) {
                throw new AcmeException("", 0, what + ": still " + status + " at the deadline", retryAfter, null);
            }
            sleeper.sleep(Duration.between(now, next));
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
    }

    private static AcmeException failure(String what, String status, JsonObject doc) {
        JsonValue error = doc.get("error");
        if (!(error instanceof JsonObject) && doc.get("challenges") instanceof JsonArray challenges) {
            for (JsonValue c : challenges) {
                if (c instanceof JsonObject challenge && challenge.get("error") instanceof JsonObject e) {
                    error = e;
                }
            }
        }
        if (error instanceof JsonObject e) {
            return AcmeException.problem(what + " is " + status, 0, e, null);
        }
        return new AcmeException(what + " is " + status);
    }

    /** Sends the CSR (DER) to the order's finalize URL. */
    public JsonObject finalizeOrder(String finalizeUrl, byte[] csrDer) throws AcmeException {
        return parse(post(finalizeUrl, json.object().add("csr", Jose.b64(csrDer)).build(), false, "finalize"),
                "finalize");
    }

    /** The PEM chain at {@code certificateUrl} first, then every alternate chain the server links. */
    public List<String> download(String certificateUrl) throws AcmeException {
        List<String> chains = new ArrayList<>();
        Http.Response r = post(certificateUrl, null, false, "certificate " + certificateUrl,
                "application/pem-certificate-chain");
        chains.add(r.text());
        for (String link : r.headers("link")) {
            Matcher m = LINK.matcher(link);
            while (m.find()) {
                if ("alternate".equals(m.group(2)) && chains.size() < 8) {
                    chains.add(post(m.group(1), null, false, "alternate chain " + m.group(1),
                            "application/pem-certificate-chain").text());
                }
            }
        }
        return chains;
    }

    /** The ARI suggested window for {@code certId} (RFC 9773): {@code [start, end]}, or null when not offered. */
    public Instant[] renewalWindow(String certId) throws AcmeException {
        if (!offersRenewalInfo()) {
            return null;
        }
        Http.Response r = exchange("GET", resource("renewalInfo") + "/" + certId, null, null, null);
        if (r.status() != 200) {
            return null;
        }
        if (!(parse(r, "renewal info " + certId).get("suggestedWindow") instanceof JsonObject w)) {
            return null;
        }
        return new Instant[] {Instant.parse(string(w, "start", "renewal info " + certId)),
                Instant.parse(string(w, "end", "renewal info " + certId))};
    }

    /** The string member {@code name} of a server's answer to {@code what}, else a failure naming it. */
    public static String string(JsonObject doc, String name, String what) throws AcmeException {
        if (doc.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw new AcmeException(what + ": the server's answer has no string \"" + name + "\"");
    }

    private JsonObject parse(Http.Response r, String what) throws AcmeException {
        try {
            return json.object(r.text());
        } catch (JsonException e) {
            throw new AcmeException("", r.status(), what + ": the server's answer (HTTP " + r.status()
                    + ") is no JSON object: " + e.getMessage(), null, e);
        }
    }

    private Http.Response post(String url, JsonObject payload, boolean jwk, String what) throws AcmeException {
        return post(url, payload, jwk, what, null);
    }

    /** A signed POST; a {@code badNonce} answer is retried with the fresh nonce it carries (three times at most). */
    private Http.Response post(String url, JsonObject payload, boolean jwk, String what, String accept)
            throws AcmeException {
        if (!jwk && accountUrl == null) {
            throw new AcmeException(what + ": no account yet");
        }
        for (int attempt = 0; ; attempt++) {
            String n = nonce != null ? nonce : freshNonce();
            nonce = null;
            JsonObject jws = jose.sign(key, jwk ? null : accountUrl, n, url, payload);
            Http.Response r = exchange("POST", url, JOSE, accept, json.text(jws).getBytes(StandardCharsets.UTF_8));
            if (r.status() < 400) {
                return r;
            }
            JsonObject doc;
            try {
                doc = json.object(r.text());
            } catch (JsonException e) {
                throw new AcmeException("", r.status(), what + ": HTTP " + r.status(), r.retryAfter(clock.instant()),
                        null);
            }
            AcmeException problem = AcmeException.problem(what, r.status(), doc, r.retryAfter(clock.instant()));
            if (!problem.is("badNonce") || attempt >= 3) {
                throw problem;
            }
        }
    }

    private String freshNonce() throws AcmeException {
        Http.Response r = exchange("HEAD", resource("newNonce"), null, null, null);
        if (nonce == null) {
            throw new AcmeException("newNonce: the server gave no Replay-Nonce (HTTP " + r.status() + ")");
        }
        return nonce;
    }

    private Http.Response exchange(String method, String url, String type, String accept, byte[] body)
            throws AcmeException {
        try {
            requests++;
            Http.Response r = http.send(method, url, type, accept, body);
            String n = r.header("replay-nonce");
            if (n != null) {
                nonce = n;
            }
            return r;
        } catch (IOException e) {
            throw new AcmeException("", 0, method + " " + url + ": " + e, null, e);
        }
    }
}
