package edgebox.config.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestHandler;
import edgebox.config.model.AttributeSpec;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.EtcFile;
import edgebox.config.model.Plan;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;
import edgebox.config.model.Tags;
import edgebox.config.model.ValueType;
import edgebox.config.manifest.ManifestPlannerTest;

class EngineTest {

    static final ConfigKey HEALTH = ConfigKey.pid("edgebox.health");
    static final ConfigKey SHOP = ConfigKey.factory("edgebox.proxy.route", "web.shop");

    @TempDir
    Path home;
    private final MemoryStore store = new MemoryStore();
    private final List<String> refusals = new ArrayList<>();
    private ManifestHandler handler;
    private Engine engine;
    private ConsoleEdits edits;
    private StatusView view;
    private final Schemas schemas = (pid, factory) -> pid.equals("edgebox.health") && !factory
            ? Optional.of(Schema.of(pid, List.of(AttributeSpec.of("port", ValueType.INTEGER),
                    AttributeSpec.of("admin", ValueType.PASSWORD))))
            : Optional.empty();

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(home.resolve("etc/manifests"));
        engine = new Engine(home, Path.of("etc"), Path.of("etc/manifests"), store, schemas,
                (pid, props) -> List.of(), k -> handler != null && handler.kinds().contains(k) ? handler : null,
                new EngineListener() {
                    @Override
                    public void applied(String kind, Plan.Apply plan) {
                    }

                    @Override
                    public void refused(String kind, String source, List<ConfigProblem> problems, boolean repeated) {
                        if (!repeated) {
                            refusals.add(problems.get(0).toString());
                        }
                    }
                });
        view = new StatusView(engine, store, schemas);
        edits = new ConsoleEdits(engine, store, schemas, (pid, props) -> List.of());
    }

    private Path write(String rel, String text) throws IOException {
        Path p = home.resolve(rel);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badEditKeepsTheLastGoodValuesAndIsReportedOnce() throws Exception {
        Path cfg = write("etc/edgebox.health.cfg", "port=9090\n");
        engine.scan();
        assertTrue(engine.loaded());
        assertEquals(9090, store.configs.get(HEALTH).get("port"));
        assertEquals("etc/edgebox.health.cfg", store.configs.get(HEALTH).get(Tags.SOURCE));

        write("etc/edgebox.health.cfg", "port=nine\n");
        engine.changed(List.of(cfg));
        engine.changed(List.of(cfg));
        assertEquals(9090, store.configs.get(HEALTH).get("port"));
        assertEquals(List.of("etc/edgebox.health.cfg: edgebox.health: port: not an integer: 'nine'"), refusals);
        assertEquals("refused", view.list().get(0).state());
        ConfigControl.Summary s = view.summarize(refusals.get(0));
        assertEquals(1, s.refusedFiles());
        assertEquals(refusals.get(0), s.lastRefusal());

        write("etc/edgebox.health.cfg", "port=9091\n");
        engine.changed(List.of(cfg));
        assertEquals(9091, store.configs.get(HEALTH).get("port"));
        assertEquals(0, view.summarize(null).refusedFiles());
    }

    @Test
    void unchangedFileIsNotWrittenAgain() throws Exception {
        Path cfg = write("etc/edgebox.health.cfg", "port=9090\n");
        engine.scan();
        write("etc/edgebox.health.cfg", "# a comment\nport = 9090\n");
        engine.changed(List.of(cfg));
        assertEquals(1, store.writes);
    }

    @Test
    void removedFileDeletesItsConfigurationAndRestartDeletesOrphans() throws Exception {
        Path cfg = write("etc/other~a.cfg", "x=1\n");
        engine.scan();
        assertEquals("unchecked", view.list().get(0).state());
        Files.delete(cfg);
        engine.changed(List.of(cfg));
        assertTrue(store.configs.isEmpty());

        store.put(HEALTH, Map.of("port", 1, Tags.SOURCE, "etc/edgebox.health.cfg"));
        ConfigKey external = ConfigKey.pid("org.example");
        store.put(external, Map.of("a", "b"));
        engine.scan();
        assertEquals(List.of(external), List.copyOf(store.configs.keySet()));
        assertEquals("external", view.list().get(0).state());
    }

    @Test
    void manifestWaitsForItsHandlerThenFollowsEditsAndRemoval() throws Exception {
        Path m = write("etc/manifests/web.yaml", ManifestPlannerTest.route("shop", "shop.example"));
        engine.scan();
        assertTrue(store.configs.isEmpty());
        assertTrue(engine.files().get("etc/manifests/web.yaml").missingHandler());

        handler = ManifestPlannerTest.ROUTES;
        engine.retryMissingHandlers();
        assertEquals("shop.example", store.configs.get(SHOP).get("host"));
        assertEquals("HTTPRoute web/shop", store.configs.get(SHOP).get(Tags.OBJECT));

        write("etc/manifests/web.yaml", ManifestPlannerTest.route("shop", "localhost"));
        engine.changed(List.of(m));
        assertEquals("shop.example", store.configs.get(SHOP).get("host"));

        Refused r = assertThrows(Refused.class, () -> edits.set(SHOP, Map.of("host", "x.example")));
        assertTrue(r.getMessage().contains("edit the manifest"), r.getMessage());

        Files.delete(m);
        engine.changed(List.of(m));
        assertTrue(store.configs.isEmpty());
        assertTrue(engine.files().isEmpty());
    }

    @Test
    void setValidatesLikeAFileWritesAndApplies() throws Exception {
        Refused bad = assertThrows(Refused.class, () -> edits.set(HEALTH, Map.of("port", "x")));
        assertEquals("etc/edgebox.health.cfg: edgebox.health: port: not an integer: 'x'",
                bad.problems().get(0).toString());
        assertFalse(Files.exists(home.resolve("etc/edgebox.health.cfg")));

        assertEquals("wrote etc/edgebox.health.cfg", edits.set(HEALTH, Map.of("port", "8080", "admin", "s3cret")));
        assertEquals(8080, store.configs.get(HEALTH).get("port"));
        edits.set(HEALTH, Map.of("port", "8081"));
        assertEquals(Map.of("admin", "s3cret", "port", "8081"),
                edgebox.config.cfg.CfgFile.parse(Files.readString(home.resolve("etc/edgebox.health.cfg"))));

        ConfigControl.Shown shown = view.show(HEALTH);
        assertEquals("***", shown.properties().get("admin"));
        assertEquals("8081", shown.properties().get("port"));

        edits.delete(HEALTH);
        assertFalse(Files.exists(home.resolve("etc/edgebox.health.cfg")));
        assertNull(store.configs.get(HEALTH));
        assertThrows(Refused.class, () -> edits.delete(HEALTH));
    }

    @Test
    void acceptedHoldsTheTextInForceOfEachFile() throws Exception {
        Path cfg = write("etc/edgebox.health.cfg", "port=9090\n");
        Path m = write("etc/manifests/web.yaml", ManifestPlannerTest.route("shop", "shop.example"));
        engine.scan();
        EtcFile health = new EtcFile(false, "edgebox.health.cfg");
        EtcFile web = new EtcFile(true, "web.yaml");
        assertEquals(Map.of(health, "port=9090\n", web, ManifestPlannerTest.route("shop", "shop.example")),
                engine.accepted(), "a manifest waiting for its function is accepted");

        write("etc/edgebox.health.cfg", "port=nine\n");
        engine.changed(List.of(cfg));
        assertEquals("port=9090\n", engine.accepted().get(health), "a refused edit leaves the text in force");

        Files.delete(m);
        engine.changed(List.of(m));
        assertEquals(Set.of(health), engine.accepted().keySet());
    }

    @Test
    void anObjectMovedBetweenFilesInOneBatchLandsWhateverTheOrder() throws Exception {
        handler = ManifestPlannerTest.ROUTES;
        Path a = write("etc/manifests/a.yaml", ManifestPlannerTest.route("shop", "shop.example"));
        Path b = write("etc/manifests/b.yaml", ManifestPlannerTest.route("other", "other.example"));
        engine.scan();
        write("etc/manifests/a.yaml", ManifestPlannerTest.route("more", "more.example"));
        write("etc/manifests/b.yaml", ManifestPlannerTest.route("other", "other.example") + "---\n"
                + ManifestPlannerTest.route("shop", "shop.example"));
        engine.changed(List.of(b, a));
        assertEquals("etc/manifests/b.yaml", store.all().get(SHOP).source());
        assertTrue(engine.files().values().stream().noneMatch(FileState::refused), engine.files().toString());
        assertEquals(3, store.configs.size());
    }

    @Test
    void secretsAreMaskedByTypeAndByName() {
        Schema s = schemas.find("edgebox.health", false).orElseThrow();
        assertTrue(Schema.isSecret(s, "admin"));
        assertTrue(Schema.isSecret(null, "upstream.apiToken"));
        assertTrue(Schema.isSecret(null, "tls.privateKey"));
        assertTrue(Schema.isSecret(null, "clientSecret"));
        assertTrue(Schema.isSecret(null, "db.Password"));
        assertFalse(Schema.isSecret(s, "port"));
    }
}
