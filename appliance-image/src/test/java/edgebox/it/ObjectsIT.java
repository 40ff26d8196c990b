package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last good object stays, whatever the path: a manifest file edited into a bad route, and a console
 * {@code config:set} that would break a route, are both refused with the field and the reason, and curl still
 * reaches the route as it was. (A write straight into Config Admin is covered by ObjectsBundleIT.)
 */
class ObjectsIT {

    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Box box;
    static Path key;
    static Backend a;
    static int http;

    @BeforeAll
    static void start() throws Exception {
        a = Backend.start("A");
        box = Box.create(dir, "ObjectsIT");
        key = box.authorize(dir, "operator");
        http = Box.freePort();
        box.writeCfg("edgebox.features", "boot = core,proxy\n");
        Files.deleteIfExists(box.home.resolve("etc/manifests/demo.yaml"));
        Files.deleteIfExists(box.home.resolve("etc/manifests/acme-pebble.yaml"));
        write(route("/app"));
        box.start().awaitReady();
        Tools.Result up = Tools.until(WITHIN, r -> r.exit() == 0 && ProxyIT.last(r).startsWith("200"),
                () -> ProxyIT.curl("http://127.0.0.1:" + http + "/app/x"));
        assertTrue(ProxyIT.last(up).startsWith("200"), "the route serves: " + up + "\noutput:\n" + box.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (box != null) {
            box.close();
        }
        a.close();
    }

    static String route(String prefix) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: it}
                spec:
                  gatewayClassName: edgebox
                  listeners: [{name: http, protocol: HTTP, port: %d, allowedRoutes: {namespaces: {from: All}}}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: it}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{matches: [{path: {type: PathPrefix, value: "%s"}}], backendRefs: [{name: svc-a, port: 80}]}]
                ---
                %s
                ---
                %s
                """.formatted(http, prefix, ProxyIT.service("A"), ProxyIT.slice("A", a.port));
    }

    static void write(String text) throws Exception {
        Path staging = Files.createDirectories(box.home.resolve("manifest-staging")).resolve("it.yaml");
        Files.writeString(staging, text);
        Files.move(staging, box.home.resolve("etc/manifests/it.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String status(String path) throws Exception {
        return ProxyIT.last(ProxyIT.curl("http://127.0.0.1:" + http + path));
    }

    @Test
    void aRefusedManifestEditLeavesTheOldRouteServing() throws Exception {
        write(route("app-without-slash"));
        Tools.Result list = Tools.until(WITHIN, r -> r.out().contains("refused"),
                () -> Tools.ssh(box.sshPort, key, "config:list"));
        assertTrue(list.out().contains("etc/manifests/it.yaml") && list.out().contains("spec.rules[0].matches[0].path"
                + ".value"), "config:list names the file and the field:\n" + list.out());
        for (int i = 0; i < 5; i++) {
            assertTrue(status("/app/x").startsWith("200"), "the last good route keeps serving");
        }
        Tools.Result objects = Tools.ssh(box.sshPort, key, "objects:list httproute");
        assertTrue(objects.out().contains("it/app"), objects.out());

        write(route("/shop"));
        String moved = Tools.until(WITHIN, r -> r.startsWith("200"), () -> status("/shop/x"));
        assertTrue(moved.startsWith("200"), "a good edit applies: " + moved);
        assertTrue(status("/app/x").startsWith("404"), "and replaces the route whole");
        write(route("/app"));
        assertTrue(Tools.until(WITHIN, r -> r.startsWith("200"), () -> status("/app/x")).startsWith("200"));
    }

    @Test
    void aConsoleEditIsCheckedTheSameWay() throws Exception {
        String pid = "edgebox.objects.httproute~it.cli";
        String base = "config:set " + pid + " apiVersion=gateway.networking.k8s.io/v1 kind=HTTPRoute"
                + " metadata.name=cli metadata.namespace=it spec.parentRefs.0.name=gw"
                + " spec.rules.0.matches.0.path.type=PathPrefix spec.rules.0.matches.0.path.value=/cli"
                + " spec.rules.0.backendRefs.0.name=svc-a spec.rules.0.backendRefs.0.port=80";
        Tools.Result set = Tools.ssh(box.sshPort, key, base);
        assertTrue(set.out().contains("wrote etc/" + pid + ".cfg"), set.toString());
        assertTrue(Tools.until(WITHIN, r -> r.startsWith("200"), () -> status("/cli/x")).startsWith("200"));

        Tools.Result bad = Tools.ssh(box.sshPort, key, "config:set " + pid + " spec.rules.0.matches.0.path.value=cli");
        assertTrue(bad.out().contains("refused, nothing changed") && bad.out().contains("HTTPRoute it/cli")
                && bad.out().contains("spec.rules[0].matches[0].path.value"), bad.toString());
        for (int i = 0; i < 5; i++) {
            assertTrue(status("/cli/x").startsWith("200"), "the last good route keeps serving");
        }
        assertEquals(0, Tools.ssh(box.sshPort, key, "config:delete " + pid).exit());
        assertTrue(Tools.until(WITHIN, r -> r.startsWith("404"), () -> status("/cli/x")).startsWith("404"),
                "only a delete removes it");
    }
}
