package edgebox.config.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.config.apply.ConsoleEdits;
import edgebox.config.apply.Engine;
import edgebox.config.apply.EngineListener;
import edgebox.config.apply.EtcReplacement;
import edgebox.config.apply.MapStore;
import edgebox.config.apply.Rehearsal;
import edgebox.config.manifest.ManifestPlannerTest;
import edgebox.config.model.AttributeSpec;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;
import edgebox.config.model.Validators;
import edgebox.config.model.ValueType;

/**
 * A box's configuration in a folder: {@code etc/}, an engine on a Config Admin in a map, and the history, made as
 * the component makes them. Every change is applied, then recorded, as on the apply thread.
 */
final class Box {

    static final ConfigKey HEALTH = ConfigKey.pid("edgebox.health");
    static final ConfigKey SHOP = ConfigKey.factory("edgebox.proxy.route", "web.shop");
    static final Schemas SCHEMAS = (pid, factory) -> pid.equals("edgebox.health") && !factory
            ? Optional.of(Schema.of(pid, List.of(AttributeSpec.of("port", ValueType.INTEGER),
                    AttributeSpec.of("admin", ValueType.PASSWORD))))
            : Optional.empty();

    /** Ports the validator of edgebox.health refuses from now on. */
    final Set<Long> blockedPorts = new CopyOnWriteArraySet<>();
    final Path home;
    final MapStore store = new MapStore(Map.of());
    final Engine engine;
    final ConsoleEdits edits;
    final ConfigHistory history;

    Box(Path home, int keep) throws IOException {
        this.home = home;
        Files.createDirectories(home.resolve("etc/manifests"));
        Validators validators = (pid, props) -> pid.equals("edgebox.health") && props.get("port") instanceof Number n
                && blockedPorts.contains(n.longValue())
                ? List.of(ConfigProblem.of("", "port", "blocked")) : List.of();
        Function<ManifestKind, ManifestHandler> handlers = k -> k.equals(ManifestPlannerTest.ROUTE)
                ? ManifestPlannerTest.ROUTES : null;
        engine = new Engine(home, Path.of("etc"), Path.of("etc/manifests"), store, SCHEMAS, validators, handlers,
                EngineListener.NONE);
        edits = new ConsoleEdits(engine, store, SCHEMAS, validators);
        EtcReplacement replacement = new EtcReplacement(engine, store,
                new Rehearsal(home.resolve("data/config/rehearsal"), SCHEMAS, validators, handlers));
        history = new ConfigHistory(new RevisionStore(home.resolve("data/config/revisions")), engine, replacement,
                SCHEMAS, Clock.systemUTC(), keep);
        engine.scan();
        history.record(null);
    }

    /** Writes a file before the box starts. */
    static void seed(Path home, String rel, String text) throws IOException {
        Files.createDirectories(home.resolve(rel).getParent());
        Files.writeString(home.resolve(rel), text);
    }

    /** An editor's change to a file, as the watcher reports it. */
    void edit(String rel, String text) throws IOException {
        Path p = home.resolve(rel);
        Files.writeString(p, text);
        engine.changed(List.of(p));
        history.record(null);
    }

    void remove(String rel) throws IOException {
        Path p = home.resolve(rel);
        Files.delete(p);
        engine.changed(List.of(p));
        history.record(null);
    }

    Object value(ConfigKey key, String property) {
        var a = store.all().get(key);
        return a == null ? null : a.properties().get(property);
    }

    String file(String rel) throws IOException {
        Path p = home.resolve(rel);
        return Files.exists(p) ? Files.readString(p) : null;
    }

    List<RevisionInfo> revisions() throws IOException {
        return history.list(Integer.MAX_VALUE);
    }

    static String route(String name, String host) {
        return ManifestPlannerTest.route(name, host);
    }
}
