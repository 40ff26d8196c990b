package edgebox.config.apply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import edgebox.api.config.ConfigProblem;
import edgebox.config.cfg.CfgFile;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Props;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;

/**
 * What {@code config:list}, {@code config:show} and the health check show: Config Admin's configurations joined
 * with what the engine made of each file. Only reads; secrets come out as {@code ***}.
 */
public final class StatusView {

    public static final String MASK = "***";

    private final Engine engine;
    private final ConfigStore store;
    private final Schemas schemas;

    public StatusView(Engine engine, ConfigStore store, Schemas schemas) {
        this.engine = engine;
        this.store = store;
        this.schemas = schemas;
    }

    /** One row per configuration, and one per refused file that has none in Config Admin; sorted. */
    public List<ConfigControl.Row> list() throws IOException {
        Map<String, FileState> files = engine.files();
        List<ConfigControl.Row> rows = new ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Applied a : new TreeMap<>(store.all()).values()) {
            FileState f = a.source() == null ? null : files.get(a.source());
            shown.add(a.source());
            rows.add(new ConfigControl.Row(a.key().toString(), a.source() == null ? "-" : a.source(), state(a, f),
                    f != null && f.refused() ? f.problems().get(0).toString() : ""));
        }
        for (FileState f : files.values()) {
            if (f.refused() && !shown.contains(f.source())) {
                String name = f.source().substring(f.source().lastIndexOf('/') + 1);
                ConfigKey key = f.manifest() ? null : CfgFile.keyOf(name);
                rows.add(new ConfigControl.Row(key == null ? "-" : key.toString(), f.source(),
                        f.waitingForHandler() ? "waiting" : "refused", f.problems().get(0).toString()));
            }
        }
        rows.sort(Comparator.comparing(ConfigControl.Row::config).thenComparing(ConfigControl.Row::source));
        return rows;
    }

    /** A configuration's properties (secrets masked), its source and state; {@code null} when unknown. */
    public ConfigControl.Shown show(ConfigKey key) throws IOException {
        Applied a = store.all().get(key);
        String source = a != null && a.source() != null ? a.source()
                : engine.source(engine.etc().resolve(CfgFile.fileName(key)));
        FileState f = engine.files().get(source);
        if (a == null && f == null) {
            return null;
        }
        Schema schema = schemas.find(key.schemaPid(), key.isFactory()).orElse(null);
        Map<String, String> props = new LinkedHashMap<>();
        if (a != null) {
            boolean secretObject = "Secret".equals(String.valueOf(a.properties().get("kind")));
            new TreeMap<>(a.properties()).forEach((k, v) -> props.put(k,
                    Schema.isSecret(schema, k) || secretObject && Schema.isSecretData(k) ? MASK : Props.text(v)));
        }
        List<String> problems = f == null ? List.of() : f.problems().stream().map(ConfigProblem::toString).toList();
        String state = a == null ? "refused (never applied)" : state(a, f);
        return new ConfigControl.Shown(key.toString(), a == null || a.source() != null ? source : "-",
                "unchecked".equals(state) ? "unchecked: no metatype" : state, props, problems);
    }

    /** The summary for the health check and metrics. */
    public ConfigControl.Summary summarize(String lastRefusal) throws IOException {
        long configurations = store.all().values().stream().filter(a -> a.source() != null).count();
        Map<String, FileState> files = engine.files();
        List<FileState> refused = files.values().stream().filter(f -> f.refused() && !f.waitingForHandler())
                .sorted(Comparator.comparing(FileState::source)).toList();
        int waiting = (int) files.values().stream().filter(FileState::waitingForHandler).count();
        String last = null;
        if (!refused.isEmpty()) {
            Optional<String> latest = refused.stream().flatMap(f -> f.problems().stream())
                    .map(ConfigProblem::toString).filter(p -> p.equals(lastRefusal)).findFirst();
            last = latest.orElse(refused.get(0).problems().get(0).toString());
        }
        return new ConfigControl.Summary(engine.loaded(), (int) configurations, files.size(), refused.size(), last,
                waiting);
    }

    private static String state(Applied a, FileState f) {
        if (a.source() == null) {
            return "external";
        }
        if (f != null && f.refused()) {
            return "refused";
        }
        return f != null && f.unchecked().contains(a.key()) ? "unchecked" : "applied";
    }
}
