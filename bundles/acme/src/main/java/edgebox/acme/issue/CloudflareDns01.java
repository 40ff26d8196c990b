package edgebox.acme.issue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import edgebox.acme.client.Http;
import edgebox.acme.client.RemoteJson;
import edgebox.api.acme.Dns01Publisher;

/**
 * DNS-01 records through the Cloudflare API v4 with a scoped API token ({@code Authorization: Bearer}, permission
 * Zone:DNS:Edit): the zone is found by {@code GET /zones?name=} for the record's parent names, longest first; a
 * record is created with {@code POST /zones/ID/dns_records} and removed with {@code DELETE
 * /zones/ID/dns_records/RID}, found by {@code GET /zones/ID/dns_records?type=TXT&name=&content=} when this instance
 * did not create it. Every failure (HTTP status, {@code success: false} with its {@code errors}) throws with
 * Cloudflare's own code and message. The token is never logged.
 */
public final class CloudflareDns01 implements Dns01Publisher {

    public static final String API = "https://api.cloudflare.com/client/v4";

    private final String api;
    private final String token;
    private final Http http;
    private final RemoteJson json;
    private final Map<String, String> zones = new ConcurrentHashMap<>();
    private final Map<String, String> records = new ConcurrentHashMap<>();

    public CloudflareDns01(String api, String token, Http http, RemoteJson json) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.token = token;
        this.http = http;
        this.json = json;
    }

    @Override
    public void publish(String name, String value) {
        String fqdn = bare(name);
        String zone = zoneOf(fqdn);
        String what = "create TXT " + fqdn;
        JsonObject body = json.object().add("type", "TXT").add("name", fqdn).add("content", value).add("ttl", 120)
                .build();
        JsonValue created = call("POST", "/zones/" + zone + "/dns_records", body, what);
        records.put(fqdn + " " + value, zone + "/" + id(created, what));
    }

    @Override
    public void withdraw(String name, String value) {
        String fqdn = bare(name);
        String known = records.remove(fqdn + " " + value);
        if (known != null) {
            call("DELETE", "/zones/" + known.replace("/", "/dns_records/"), null, "delete TXT " + fqdn);
            return;
        }
        String zone = zoneOf(fqdn);
        String what = "find TXT " + fqdn;
        if (!(call("GET", "/zones/" + zone + "/dns_records?type=TXT&name=" + enc(fqdn) + "&content=" + enc(value),
                null, what) instanceof JsonArray found)) {
            throw new IllegalStateException("cloudflare: " + what + ": the result is no list");
        }
        for (JsonValue r : found) {
            call("DELETE", "/zones/" + zone + "/dns_records/" + id(r, what), null, "delete TXT " + fqdn);
        }
    }

    /** The id of the zone holding {@code fqdn}: the longest parent name Cloudflare knows. */
    private String zoneOf(String fqdn) {
        String[] labels = fqdn.split("\\.");
        for (int i = 1; i < labels.length - 1; i++) {
            String candidate = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            String cached = zones.get(candidate);
            if (cached != null) {
                return cached;
            }
            String what = "find zone " + candidate;
            if (call("GET", "/zones?name=" + enc(candidate), null, what) instanceof JsonArray list && !list.isEmpty()) {
                String id = id(list.get(0), what);
                zones.put(candidate, id);
                return id;
            }
        }
        throw new IllegalStateException("cloudflare: no zone of this token holds " + fqdn);
    }

    /** The {@code result} of a call whose envelope says {@code success}; every other answer throws. */
    private JsonValue call(String method, String path, JsonObject body, String what) {
        Http.Response r;
        try {
            r = http.send(method, api + path, body == null ? null : "application/json", "application/json",
                    body == null ? null : json.text(body).getBytes(StandardCharsets.UTF_8), Map.of(
                            "Authorization", "Bearer " + token));
        } catch (IOException e) {
            throw new IllegalStateException("cloudflare: " + what + ": " + e.getMessage(), e);
        }
        JsonObject doc;
        try {
            doc = json.object(r.text());
        } catch (JsonException e) {
            throw new IllegalStateException("cloudflare: " + what + ": HTTP " + r.status() + ", not JSON");
        }
        if (r.status() >= 300 || !doc.getBoolean("success", false)) {
            StringBuilder m = new StringBuilder("cloudflare: " + what + ": HTTP " + r.status());
            if (doc.get("errors") instanceof JsonArray errors) {
                for (JsonValue e : errors) {
                    if (e instanceof JsonObject err) {
                        m.append("; ").append(err.get("code")).append(' ').append(err.getString("message", ""));
                    }
                }
            }
            throw new IllegalStateException(m.toString());
        }
        return doc.get("result");
    }

    private static String id(JsonValue item, String what) {
        if (item instanceof JsonObject o && o.get("id") instanceof JsonString id) {
            return id.getString();
        }
        throw new IllegalStateException("cloudflare: " + what + ": an answer without an id");
    }

    private static String bare(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CloudflareDns01[" + api + "]";
    }
}
