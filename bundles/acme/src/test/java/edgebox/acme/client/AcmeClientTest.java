package edgebox.acme.client;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The client's protocol behaviour against a scripted server: nonces, badNonce, polling, Retry-After, problems. */
class AcmeClientTest {

    static final String DIR = "https://ca.test/dir";
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    record Sent(String method, String url, byte[] body) {
    }

    final Deque<Http.Response> script = new ArrayDeque<>();
    final List<Sent> sent = new ArrayList<>();
    final List<Duration> slept = new ArrayList<>();
    final KeyPair key = Keys.generate("ECDSA", 256);

    AcmeClient client() {
        Http http = (method, url, type, accept, body, headers) -> {
            sent.add(new Sent(method, url, body));
            if (url.equals(DIR)) {
                return response(200, Map.of(), "{\"newNonce\":\"https://ca.test/nonce\",\"newAccount\":"
                        + "\"https://ca.test/acct\",\"newOrder\":\"https://ca.test/order\"}");
            }
            if (method.equals("HEAD")) {
                return response(200, Map.of("replay-nonce", "head-nonce"), "");
            }
            return script.removeFirst();
        };
        return new AcmeClient(DIR, http, JSON, key, Clock.fixed(NOW, ZoneOffset.UTC), slept::add);
    }

    static Http.Response response(int status, Map<String, String> headers, String body) {
        java.util.Map<String, List<String>> h = new java.util.TreeMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new Http.Response(status, h, body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject jws(Sent s) {
        return JSON.object(new String(s.body(), StandardCharsets.UTF_8));
    }

    static JsonObject header(Sent s) {
        return JSON.object(new String(Base64.getUrlDecoder().decode(jws(s).getString("protected")),
                StandardCharsets.UTF_8));
    }

    @Test
    void aBadNonceIsRetriedWithTheFreshNonceAndTheSignatureVerifies() throws Exception {
        script.add(response(400, Map.of("replay-nonce", "fresh"),
                "{\"type\":\"urn:ietf:params:acme:error:badNonce\",\"detail\":\"stale\"}"));
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n3"), "{}"));
        AcmeClient c = client();
        assertEquals("https://ca.test/acct/1", c.account(List.of("mailto:a@b.test"), null, null));
        List<Sent> posts = sent.stream().filter(s -> s.method().equals("POST")).toList();
        assertEquals(2, posts.size());
        assertEquals("head-nonce", header(posts.get(0)).getString("nonce"));
        assertEquals("fresh", header(posts.get(1)).getString("nonce"));
        assertNotNull(header(posts.get(1)).get("jwk"), "newAccount is signed with the JWK");
        JsonObject jws = jws(posts.get(1));
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(key.getPublic());
        v.update((jws.getString("protected") + "." + jws.getString("payload")).getBytes(StandardCharsets.US_ASCII));
        assertTrue(v.verify(Base64.getUrlDecoder().decode(jws.getString("signature"))));
        assertEquals("{\"termsOfServiceAgreed\":true,\"contact\":[\"mailto:a@b.test\"]}",
                JSON.text(payload(posts.get(1))));
    }

    @Test
    void pollingStartsQuickAndDoublesWithoutRetryAfter() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        for (int i = 0; i < 3; i++) {
            script.add(response(200, Map.of("replay-nonce", "n" + i), "{\"status\":\"processing\"}"));
        }
        script.add(response(200, Map.of("replay-nonce", "n9"), "{\"status\":\"valid\",\"certificate\":\"x\"}"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        JsonObject done = c.await("https://ca.test/order/1", Set.of("valid"), NOW.plusSeconds(60), "order");
        assertEquals("x", done.getString("certificate"));
        assertEquals(List.of(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100)), slept);
        Sent poll = sent.get(sent.size() - 1);
        assertEquals("https://ca.test/acct/1", header(poll).getString("kid"), "POST-as-GET names the account");
        assertEquals("", jws(poll).getString("payload"), "POST-as-GET has an empty payload");
    }

    @Test
    void retryAfterIsHonouredAndTheDeadlineBounds() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(200, Map.of("replay-nonce", "a", "retry-after", "3"), "{\"status\":\"pending\"}"));
        script.add(response(200, Map.of("replay-nonce", "b", "retry-after", "30"), "{\"status\":\"pending\"}"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        AcmeException e = assertThrows(AcmeException.class, () -> c.await("https://ca.test/authz/1",
                Set.of("valid"), NOW.plusSeconds(10), "authorization"));
        assertEquals(List.of(Duration.ofSeconds(3)), slept);
        assertTrue(e.getMessage().contains("still pending at the deadline"), e.getMessage());
        assertEquals(NOW.plusSeconds(30), e.retryAfter());
    }

    @Test
    void anInvalidAuthorizationNamesTheChallengeError() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(200, Map.of("replay-nonce", "a"), "{\"status\":\"invalid\",\"challenges\":[{\"type\":"
                + "\"dns-01\",\"error\":{\"type\":\"urn:ietf:params:acme:error:unauthorized\",\"detail\":"
                + "\"Incorrect TXT record\"}}]}"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        AcmeException e = assertThrows(AcmeException.class, () -> c.await("https://ca.test/authz/1",
                Set.of("valid"), NOW.plusSeconds(10), "authorization for a.test"));
        assertEquals("authorization for a.test is invalid: unauthorized: Incorrect TXT record", e.getMessage());
        assertTrue(e.is("unauthorized"));
    }

    @Test
    void aRateLimitCarriesRetryAfter() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(429, Map.of("replay-nonce", "a", "retry-after", "Fri, 27 Nov 2026 13:00:00 GMT"),
                "{\"type\":\"urn:ietf:params:acme:error:rateLimited\",\"detail\":\"too many certificates\","
                        + "\"subproblems\":[]}"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        AcmeException e = assertThrows(AcmeException.class, () -> c.newOrder(List.of("a.test"), null, null));
        assertTrue(e.is("rateLimited"));
        assertEquals(429, e.status());
        assertEquals(Instant.parse("2026-11-27T13:00:00Z"), e.retryAfter());
    }

    @Test
    void newOrderSendsNotAfterInWholeSecondsOnlyWhenAsked() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(201, Map.of("location", "https://ca.test/order/1", "replay-nonce", "a"),
                "{\"status\":\"pending\"}"));
        script.add(response(201, Map.of("location", "https://ca.test/order/2", "replay-nonce", "b"),
                "{\"status\":\"pending\"}"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        c.newOrder(List.of("a.test", "*.a.test"), null, null, NOW.plus(Duration.ofHours(2)).plusMillis(750));
        c.newOrder(List.of("b.test"), null, null);
        List<Sent> orders = sent.stream().filter(s -> s.url().equals("https://ca.test/order")).toList();
        assertEquals(2, orders.size());
        JsonObject first = payload(orders.get(0));
        assertEquals("2026-11-27T14:00:00Z", first.getString("notAfter"));
        assertEquals("[{\"type\":\"dns\",\"value\":\"a.test\"},{\"type\":\"dns\",\"value\":\"*.a.test\"}]",
                JSON.text(first.getJsonArray("identifiers")));
        assertTrue(!payload(orders.get(1)).containsKey("notAfter"), "no notAfter unless asked: " + payload(orders.get(1)));
    }

    static JsonObject payload(Sent s) {
        return JSON.object(new String(Base64.getUrlDecoder().decode(jws(s).getString("payload")),
                StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerThatIsNoJsonObjectIsAnAcmeExceptionNamingTheRequest() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(200, Map.of("replay-nonce", "a"), "{\"status\":\"valid\""));
        script.add(response(200, Map.of("replay-nonce", "b"), "[\"valid\"]"));
        script.add(response(500, Map.of("replay-nonce", "c"), "<html>oops</html>"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        AcmeException cut = assertThrows(AcmeException.class, () -> c.fetch("https://ca.test/authz/1"));
        assertTrue(cut.getMessage().startsWith("fetch https://ca.test/authz/1: the server's answer (HTTP 200) is no "
                + "JSON object: "), cut.getMessage());
        AcmeException array = assertThrows(AcmeException.class, () -> c.fetch("https://ca.test/authz/2"));
        assertTrue(array.getMessage().endsWith("is no JSON object: expected a JSON object"), array.getMessage());
        AcmeException html = assertThrows(AcmeException.class, () -> c.fetch("https://ca.test/authz/3"));
        assertEquals("fetch https://ca.test/authz/3: HTTP 500", html.getMessage());
        assertEquals(500, html.status());
    }

    @Test
    void aProblemNamesItsSubproblemsByIdentifier() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(400, Map.of("replay-nonce", "a"), "{\"type\":\"urn:ietf:params:acme:error:"
                + "rejectedIdentifier\",\"detail\":\"some names are refused\",\"subproblems\":[{\"type\":"
                + "\"urn:ietf:params:acme:error:rejectedIdentifier\",\"detail\":\"on a block list\","
                + "\"identifier\":{\"type\":\"dns\",\"value\":\"bad.test\"}}]}"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        AcmeException e = assertThrows(AcmeException.class, () -> c.newOrder(List.of("ok.test", "bad.test"), null,
                null));
        assertEquals("new order [ok.test, bad.test]: rejectedIdentifier: some names are refused; bad.test: "
                + "rejectedIdentifier: on a block list", e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void alternateChainsFollowTheLinkHeader() throws Exception {
        script.add(response(201, Map.of("location", "https://ca.test/acct/1", "replay-nonce", "n"), "{}"));
        script.add(response(200, Map.of("replay-nonce", "a", "link",
                "<https://ca.test/cert/1/1>;rel=\"alternate\""), "CHAIN0"));
        script.add(response(200, Map.of("replay-nonce", "b"), "CHAIN1"));
        AcmeClient c = client();
        c.account(List.of(), null, null);
        assertEquals(List.of("CHAIN0", "CHAIN1"), c.download("https://ca.test/cert/1"));
    }

    @Test
    void jwkThumbprintFollowsRfc7638() {
        // RFC 7638 orders the members crv, kty, x, y and hashes them without spaces
        Jose jose = new Jose(JSON);
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        JsonObject jwk = jose.jwk(pub);
        assertEquals(List.of("crv", "kty", "x", "y"), new ArrayList<>(jwk.keySet()));
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.getString("x") + "\",\"y\":\""
                + jwk.getString("y") + "\"}";
        assertEquals(Jose.b64(Jose.sha256(canonical)), jose.thumbprint(pub));
        assertEquals(43, jose.thumbprint(pub).length());
        String keyAuthorization = "tok." + jose.thumbprint(pub);
        assertEquals(Jose.b64(Jose.sha256(keyAuthorization)), Jose.dnsValue(keyAuthorization));
    }
}
