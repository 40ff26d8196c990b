package edgebox.acme.client;

import static edgebox.acme.client.TestJson.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import edgebox.acme.issue.CloudflareDns01;
import edgebox.acme.issue.Issuance;
import edgebox.acme.model.CertificateSpec;
import edgebox.acme.model.Issuer;
import edgebox.acme.model.Solver;

/**
 * The Cloudflare DNS-01 solver against a local double of the Cloudflare API v4 endpoints it uses (list zones by
 * name, create, list and delete DNS records; Bearer token; the v4 envelope with success, errors, messages, result),
 * whose records are served to Pebble through pebble-challtestsrv: a wildcard and apex issued, every record deleted
 * afterwards, a bad token and an unknown zone reported with Cloudflare's codes.
 */
class CloudflareIssuanceTest {

    static final String TOKEN = "scoped-test-token";

    @TempDir
    static Path dir;
    static Pebble pebble;
    static HttpServer api;
    static final Map<String, JsonObject> RECORDS = new LinkedHashMap<>();
    static final AtomicInteger IDS = new AtomicInteger();
    static final AtomicInteger DELETES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        pebble = Pebble.start(dir, Map.of(), null);
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        api.createContext("/client/v4/", CloudflareIssuanceTest::handle);
        api.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.stop(0);
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    static String base() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/client/v4";
    }

    static synchronized void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/client/v4".length());
        Map<String, String> query = new LinkedHashMap<>();
        if (ex.getRequestURI().getRawQuery() != null) {
            for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                query.put(p[0], URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8));
            }
        }
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 403, false, JsonValue.NULL, error(9109, "Invalid access token"));
            return;
        }
        String method = ex.getRequestMethod();
        String[] parts = path.split("/");
        if (method.equals("GET") && path.equals("/zones")) {
            String name = query.get("name");
            JsonArrayBuilder zones = JSON.array();
            if ("cf.test".equals(name)) {
                zones.add(JSON.object().add("id", "zone-cf").add("name", "cf.test").add("status", "active"));
            }
            reply(ex, 200, true, zones.build(), JsonValue.EMPTY_JSON_ARRAY);
        } else if (parts.length == 4 && parts[1].equals("zones") && parts[3].equals("dns_records")
                && method.equals("POST")) {
            JsonObject body = JSON.object(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"TXT".equals(body.getString("type", null)) || body.getString("name", null) == null
                    || body.getString("content", null) == null) {
                reply(ex, 400, false, JsonValue.NULL, error(9005, "Content for TXT record is invalid"));
                return;
            }
            String id = "rec" + IDS.incrementAndGet();
            JsonObjectBuilder copy = JSON.object();
            body.forEach(copy::add);
            JsonObject rec = copy.add("id", id).add("zone_id", parts[2]).build();
            RECORDS.put(id, rec);
            serve(body.getString("name"));
            reply(ex, 200, true, rec, JsonValue.EMPTY_JSON_ARRAY);
        } else if (parts.length == 4 && method.equals("GET")) {
            JsonArrayBuilder found = JSON.array();
            for (JsonObject r : RECORDS.values()) {
                if (r.getString("name").equals(query.get("name")) && (query.get("content") == null
                        || r.getString("content").equals(query.get("content")))) {
                    found.add(r);
                }
            }
            reply(ex, 200, true, found.build(), JsonValue.EMPTY_JSON_ARRAY);
        } else if (parts.length == 5 && method.equals("DELETE")) {
            JsonObject gone = RECORDS.remove(parts[4]);
            if (gone == null) {
                reply(ex, 404, false, JsonValue.NULL, error(81044, "Record does not exist."));
                return;
            }
            DELETES.incrementAndGet();
            serve(gone.getString("name"));
            reply(ex, 200, true, JSON.object().add("id", parts[4]).build(), JsonValue.EMPTY_JSON_ARRAY);
        } else {
            reply(ex, 404, false, JsonValue.NULL, error(7003, "No route for that URI"));
        }
    }

    /** What the zone's name servers (challtestsrv) answer for {@code name}: every record left. */
    static void serve(String name) throws IOException {
        pebble.txt(name + ".", null);
        for (JsonObject r : RECORDS.values()) {
            if (r.getString("name").equals(name)) {
                pebble.txt(name + ".", r.getString("content"));
            }
        }
    }

    static JsonArray error(int code, String message) {
        return JSON.array().add(JSON.object().add("code", code).add("message", message)).build();
    }

    static void reply(HttpExchange ex, int status, boolean success, JsonValue result, JsonArray errors)
            throws IOException {
        JsonObject doc = JSON.object().add("success", success).add("errors", errors)
                .add("messages", JsonValue.EMPTY_JSON_ARRAY).add("result", result).build();
        byte[] body = JSON.text(doc).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    static Issuer issuer() {
        return new Issuer("ClusterIssuer/cf", pebble.directory(), null, "acct", List.of(), null, null,
                List.of(new Solver(Solver.Type.DNS01_CLOUDFLARE, List.of(), List.of(), Map.of())));
    }

    static CertificateSpec cert(String... names) {
        return new CertificateSpec("it", "cf", "cf-tls", List.of(names), "ClusterIssuer/cf", "ECDSA", 256, null,
                null, 0, Map.of());
    }

    static Issuance.Result issue(String token, String... names) throws Exception {
        AcmeClient c = AcmeClient.of(pebble.directory(), Http.jdk(pebble.tls()), JSON, Keys.generate("ECDSA", 256));
        c.account(List.of(), null, null);
        return Issuance.run(c, issuer(), cert(names), new Issuance.Responders(null, null,
                s -> new CloudflareDns01(base(), token, Http.jdk(null), JSON)), null, Instant.now().plusSeconds(60),
                m -> { });
    }

    @Test
    void wildcardAndApexThroughTheCloudflareApiAndEveryRecordDeleted() throws Exception {
        int deletes = DELETES.get();
        Issuance.Result r = issue(TOKEN, "*.cf.test", "cf.test");
        Set<String> sans = new HashSet<>();
        r.chain().get(0).getSubjectAlternativeNames().forEach(s -> sans.add(String.valueOf(s.get(1))));
        assertEquals(Set.of("*.cf.test", "cf.test"), sans);
        synchronized (CloudflareIssuanceTest.class) {
            assertTrue(RECORDS.isEmpty(), "records left: " + RECORDS);
        }
        assertEquals(2, DELETES.get() - deletes, "both TXT values deleted");
    }

    @Test
    void aBadTokenIsReportedWithCloudflaresCode() {
        AcmeException e = assertThrows(AcmeException.class, () -> issue("wrong", "bad.cf.test"));
        assertTrue(e.getMessage().contains("HTTP 403; 9109 Invalid access token"), e.getMessage());
    }

    @Test
    void aNameOutsideTheTokensZonesIsRefused() {
        AcmeException e = assertThrows(AcmeException.class, () -> issue(TOKEN, "www.elsewhere.test"));
        assertTrue(e.getMessage().contains("no zone of this token holds _acme-challenge.www.elsewhere.test"),
                e.getMessage());
    }

    @Test
    void aRecordCreatedElsewhereIsFoundAndDeleted() {
        CloudflareDns01 one = new CloudflareDns01(base(), TOKEN, Http.jdk(null), JSON);
        one.publish("_acme-challenge.x.cf.test.", "v1");
        new CloudflareDns01(base(), TOKEN, Http.jdk(null), JSON).withdraw("_acme-challenge.x.cf.test.", "v1");
        synchronized (CloudflareIssuanceTest.class) {
            assertTrue(RECORDS.values().stream().noneMatch(r -> r.getString("content").equals("v1")),
                    RECORDS.toString());
        }
    }
}
