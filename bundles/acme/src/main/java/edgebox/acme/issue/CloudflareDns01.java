package edgebox.acme.issue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.acme.client.Http;
import edgebox.acme.client.Json;
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
    private final Map<String, String> zones = new ConcurrentHashMap<>();
    private final Map<String, String> records = new ConcurrentHashMap<>();

    public CloudflareDns01(String api, String token, Http http) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.token = token;
        this.http = http;
    }

    @Override
    public void publish(String name, String value) {
        String fqdn = bare(name);
        String zone = zoneOf(fqdn);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "TXT");
        body.put("name", fqdn);
        body.put("content", value);
        body.put("ttl", 120);
        Object result = call("POST", "/zones/" + zone + "/dns_records", body, "create TXT " + fqdn);
        records.put(fqdn + " " + value, zone + "/" + ((Map<?, ?>) result).get("id"));
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
        Object found = call("GET", "/zones/" + zone + "/dns_records?type=TXT&name=" + enc(fqdn) + "&content="
                + enc(value), null, "find TXT " + fqdn);
        for (Object r : (List<?>) found) {
            call("DELETE", "/zones/" + zone + "/dns_records/" + ((Map<?, ?>) r).get("id"), null, "delete TXT " + fqdn);
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
            Object result = call("GET", "/zones?name=" + enc(candidate), null, "find zone " + candidate);
            if (result instanceof List<?> list && !list.isEmpty()) {
                String id = String.valueOf(((Map<?, ?>) list.get(0)).get("id"));
                zones.put(candidate, id);
                return id;
            }
        }
        throw new IllegalStateException("cloudflare: no zone of this token holds " + fqdn);
    }

    private Object call(String method, String path, Object body, String what) {
        Http.Response r;
        try {
            r = http.send(method, api + path, body == null ? null : "application/json", "application/json",
                    body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8), Map.of(
                            "Authorization", "Bearer " + token));
        } catch (IOException e) {
            throw new IllegalStateException("cloudflare: " + what + ": " + e.getMessage(), e);
        }
        Map<String, Object> doc;
        try {
            doc = Json.object(r.text());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cloudflare: " + what + ": HTTP " + r.status() + ", not JSON");
        }
        if (r.status() >= 300 || !Boolean.TRUE.equals(doc.get("success"))) {
            StringBuilder m = new StringBuilder("cloudflare: " + what + ": HTTP " + r.status());
            if (doc.get("errors") instanceof List<?> errors) {
                for (Object e : errors) {
                    if (e instanceof Map<?, ?> err) {
                        m.append("; ").append(err.get("code")).append(' ').append(err.get("message"));
                    }
                }
            }
            throw new IllegalStateException(m.toString());
        }
        return doc.get("result");
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
