package edgebox.config.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.config.model.EtcFile;

class ConfigDiffTest {

    static final EtcFile HEALTH = new EtcFile(false, "edgebox.health.cfg");
    static final EtcFile ACME = new EtcFile(false, "edgebox.acme~le.cfg");
    static final EtcFile WEB = new EtcFile(true, "web.yaml");
    static final EtcFile MORE = new EtcFile(true, "more.yml");

    static String secret(String key) {
        return "apiVersion: v1\nkind: Secret\nmetadata: {name: tls, namespace: web}\ntype: kubernetes.io/tls\n"
                + "data:\n  tls.crt: Y2VydA==\n  tls.key: " + key + "\n";
    }

    private static ConfigDiff diff(Map<EtcFile, String> from, Map<EtcFile, String> to) {
        return ConfigDiff.between(from, to, Box.SCHEMAS);
    }

    @Test
    void propertiesChangeObjectByObject() {
        ConfigDiff d = diff(Map.of(HEALTH, "port = 9090\naddress = 127.0.0.1\n"),
                Map.of(HEALTH, "port = 9091\nlog = true\n"));
        assertEquals(List.of(new ConfigDiff.Change("edgebox.health", "etc/edgebox.health.cfg",
                "etc/edgebox.health.cfg", List.of(
                        new ConfigDiff.Field("address", "127.0.0.1", null, false),
                        new ConfigDiff.Field("log", null, "true", false),
                        new ConfigDiff.Field("port", "9090", "9091", false)))), d.changes());
        assertEquals("~edgebox.health", d.summary());
        assertEquals("edgebox.health port: 9090 → 9091",
                diff(Map.of(HEALTH, "port = 9090\n"), Map.of(HEALTH, "port=9091")).summary());
    }

    @Test
    void manifestObjectsAreAddedRemovedChangedAndMoved() {
        ConfigDiff d = diff(Map.of(WEB, Box.route("shop", "shop.example") + "---\n" + Box.route("old", "old.example")),
                Map.of(WEB, Box.route("shop", "www.example"), MORE, Box.route("new", "new.example")));
        assertEquals(List.of("~HTTPRoute web/shop", "+HTTPRoute web/new", "-HTTPRoute web/old"), d.changes().stream()
                .map(c -> (c.added() ? "+" : c.removed() ? "-" : "~") + c.object()).sorted((a, b) ->
                        a.charAt(0) == b.charAt(0) ? a.compareTo(b) : "~+-".indexOf(a.charAt(0))
                                - "~+-".indexOf(b.charAt(0))).toList());
        ConfigDiff.Change shop = d.changes().stream().filter(c -> c.object().equals("HTTPRoute web/shop")).findFirst()
                .orElseThrow();
        assertEquals(List.of(new ConfigDiff.Field("spec.host", "shop.example", "www.example", false)), shop.fields());

        ConfigDiff moved = diff(Map.of(WEB, Box.route("shop", "shop.example")),
                Map.of(MORE, Box.route("shop", "shop.example")));
        assertEquals(List.of(new ConfigDiff.Change("HTTPRoute web/shop", "etc/manifests/web.yaml",
                "etc/manifests/more.yml", List.of())), moved.changes());
    }

    @Test
    void secretsNeverComeOut() {
        String pem = "-----BEGIN PRIVATE KEY-----\\nMC4CAQ\\n-----END PRIVATE KEY-----";
        ConfigDiff d = diff(Map.of(HEALTH, "port = 1\nadmin = hunter2\n", WEB, secret("b2xk"),
                        ACME, "apiToken = tok-1\nkey = " + pem + "1\n"),
                Map.of(HEALTH, "port = 1\nadmin = hunter3\n", WEB, secret("bmV3"),
                        ACME, "apiToken = tok-2\nkey = " + pem + "2\nemail = a@example.com\n"));
        String all = d.toString() + d.summary() + d.changes().stream()
                .flatMap(c -> c.fields().stream()).map(f -> ConfigDiff.describe(f, 1000)).toList();
        for (String leak : List.of("hunter", "b2xk", "bmV3", "tok-", "MC4CAQ")) {
            assertFalse(all.contains(leak), leak + " in " + all);
        }
        assertTrue(all.contains("admin: <secret changed>"), all);
        assertTrue(all.contains("data[tls.key]: <secret changed>"), all);
        assertTrue(all.contains("apiToken: <secret changed>"), all);
        assertTrue(all.contains("key: <secret changed>"), all);
        assertTrue(all.contains("email: added a@example.com"), all);
        assertEquals("edgebox.health admin: <secret changed>",
                diff(Map.of(HEALTH, "admin = a\n"), Map.of(HEALTH, "admin = b\n")).summary());
    }

    @Test
    void textThatChangesNoObjectIsSaidToBeText() {
        ConfigDiff d = diff(Map.of(HEALTH, "port = 1\n"), Map.of(HEALTH, "# the port\nport=1\n"));
        assertEquals(List.of(), d.changes());
        assertEquals(List.of("etc/edgebox.health.cfg"), d.textOnly());
        assertEquals("etc/edgebox.health.cfg (text only)", d.summary());
        assertTrue(diff(Map.of(HEALTH, "port = 1\n"), Map.of(HEALTH, "port = 1\n")).isEmpty());
        assertEquals("no change", diff(Map.of(), Map.of()).summary());
    }

    @Test
    void aLongSummaryIsCutWithACount() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append(Box.route("route-number-" + i, "r" + i + ".example")).append("---\n");
        }
        String summary = diff(Map.of(), Map.of(WEB, many.toString())).summary();
        assertTrue(summary.length() <= 180 && summary.matches(".* and \\d+ more"), summary);
    }
}
