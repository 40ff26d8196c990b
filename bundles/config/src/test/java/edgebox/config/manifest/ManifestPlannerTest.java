package edgebox.config.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Plan;
import edgebox.config.model.Tags;

public class ManifestPlannerTest {

    static final String SRC = "etc/manifests/web.yaml";
    public static final ManifestKind ROUTE = new ManifestKind("gateway.networking.k8s.io/v1", "HTTPRoute");

    /** Turns an HTTPRoute into one edgebox.proxy.route configuration; refuses a hostname without a dot. */
    public static final ManifestHandler ROUTES = new ManifestHandler() {
        @Override
        public Set<ManifestKind> kinds() {
            return Set.of(ROUTE);
        }

        @Override
        public ManifestTranslation translate(ManifestObject o) {
            Object host = ((Map<?, ?>) o.content().get("spec")).get("host");
            if (!host.toString().contains(".")) {
                return ManifestTranslation.refused(List.of(ConfigProblem.of("", "spec.hostnames[0]",
                        "not a domain name: " + host)));
            }
            return ManifestTranslation.of(List.of(new ConfigurationSpec("edgebox.proxy.route",
                    o.namespace() + "." + o.name(), Map.of("host", host))));
        }
    };

    private final Map<ConfigKey, Applied> current = new HashMap<>();
    private final ManifestPlanner planner = new ManifestPlanner(k -> k.equals(ROUTE) ? ROUTES : null,
            (pid, props) -> props.get("host").equals("evil.example")
                    ? List.of(ConfigProblem.of("", "host", "blocked")) : List.of());

    public static String route(String name, String host) {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: " + name
                + ", namespace: web}\nspec: {host: " + host + "}\n";
    }

    private void applyToCurrent(Plan.Apply a) {
        a.puts().forEach(p -> current.put(p.key(), Applied.of(p.key(), p.properties())));
        a.deletes().forEach(current::remove);
    }

    @Test
    void createsTaggedNamedFactoryConfigurations() {
        Plan.Apply a = assertInstanceOf(Plan.Apply.class, planner.plan(SRC,
                route("shop", "shop.example") + "---\n" + route("blog", "blog.example"), current, s -> true));
        assertEquals(2, a.puts().size());
        Plan.Put shop = a.puts().get(0);
        assertEquals(ConfigKey.factory("edgebox.proxy.route", "web.shop"), shop.key());
        assertEquals(Map.of("host", "shop.example", Tags.SOURCE, SRC, Tags.OBJECT, "HTTPRoute web/shop"),
                shop.properties());
    }

    @Test
    void oneBadObjectRefusesTheWholeFile() {
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class, planner.plan(SRC,
                route("shop", "shop.example") + "---\n" + route("blog", "localhost"), current, s -> true));
        assertEquals(List.of(SRC + ": HTTPRoute web/blog: spec.hostnames[0]: not a domain name: localhost"),
                r.problems().stream().map(ConfigProblem::toString).toList());
        assertFalse(r.missingHandler());
    }

    @Test
    void validatorRefusalRefusesTheFile() {
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class,
                planner.plan(SRC, route("shop", "evil.example"), current, s -> true));
        assertEquals(SRC + ": HTTPRoute web/shop: host: blocked", r.problems().get(0).toString());
    }

    @Test
    void unknownKindRefusesAndAsksForARetry() {
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class, planner.plan(SRC,
                route("shop", "shop.example") + "---\napiVersion: v1\nkind: Zone\nmetadata: {name: z}\n", current,
                s -> true));
        assertTrue(r.missingHandler());
        assertTrue(r.problems().get(0).toString().startsWith(SRC + ": Zone default/z: apiVersion: no handler"));
    }

    @Test
    void editUpdatesChangedDeletesDroppedAndSkipsUnchanged() {
        applyToCurrent((Plan.Apply) planner.plan(SRC,
                route("shop", "shop.example") + "---\n" + route("blog", "blog.example"), current, s -> true));
        Plan.Apply a = assertInstanceOf(Plan.Apply.class, planner.plan(SRC,
                route("shop", "shop2.example"), current, s -> true));
        assertEquals(List.of(ConfigKey.factory("edgebox.proxy.route", "web.shop")),
                a.puts().stream().map(Plan.Put::key).toList());
        assertEquals(List.of(ConfigKey.factory("edgebox.proxy.route", "web.blog")), a.deletes());
        applyToCurrent(a);
        Plan.Apply again = assertInstanceOf(Plan.Apply.class, planner.plan(SRC,
                route("shop", "shop2.example"), current, s -> true));
        assertFalse(again.changes());
    }

    @Test
    void removalDeletesOnlyTheFilesConfigurations() {
        applyToCurrent((Plan.Apply) planner.plan(SRC, route("shop", "shop.example"), current, s -> true));
        ConfigKey other = ConfigKey.pid("edgebox.health");
        current.put(other, Applied.of(other, Map.of(Tags.SOURCE, "etc/edgebox.health.cfg")));
        Plan.Apply removal = Plan.removal(SRC, current);
        assertEquals(List.of(ConfigKey.factory("edgebox.proxy.route", "web.shop")), removal.deletes());
        assertTrue(removal.puts().isEmpty());
    }

    @Test
    void theSameObjectInTwoFilesNamesBoth() {
        applyToCurrent((Plan.Apply) planner.plan(SRC, route("shop", "shop.example"), current, s -> true));
        String other = "etc/manifests/other.yaml";
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class,
                planner.plan(other, route("shop", "shop.example"), current, s -> true));
        assertEquals(other + ": HTTPRoute web/shop: metadata.name: also defined in " + SRC
                + " (an object lives in one file)", r.problems().get(0).toString());
        assertInstanceOf(Plan.Refuse.class, planner.plan(SRC,
                route("shop", "shop.example") + "---\n" + route("shop", "x.example"), current, s -> true));
    }
}
