package edgebox.config.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.config.cfg.CfgFile;
import edgebox.config.cfg.CfgPlanner;
import edgebox.config.manifest.ManifestPlanner;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Plan;
import edgebox.config.model.Schemas;
import edgebox.config.model.Validators;

/**
 * Keeps Config Admin in step with {@code etc/}: plans each changed file (a {@code .cfg} or a manifest), applies a
 * plan whole or keeps the last good state and remembers why. Not thread-safe: every change runs on the one apply
 * thread; {@link #files()} and {@link #loaded()} may be read from anywhere.
 */
public final class Engine {

    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Path home;
    private final Path etc;
    private final Path manifests;
    private final ConfigStore store;
    private final CfgPlanner cfgPlanner;
    private final ManifestPlanner manifestPlanner;
    private final EngineListener listener;
    private volatile Map<String, FileState> files = Map.of();
    private volatile boolean loaded;

    public Engine(Path home, Path etc, Path manifests, ConfigStore store, Schemas schemas, Validators validators,
            Function<ManifestKind, ManifestHandler> handlers, EngineListener listener) {
        this.home = home.toAbsolutePath().normalize();
        this.etc = this.home.resolve(etc).normalize();
        this.manifests = this.home.resolve(manifests).normalize();
        this.store = store;
        this.cfgPlanner = new CfgPlanner(schemas, validators);
        this.manifestPlanner = new ManifestPlanner(handlers, validators);
        this.listener = listener;
    }

    public Path etc() {
        return etc;
    }

    public Path manifests() {
        return manifests;
    }

    /** What the engine last made of each file it knows, by source. */
    public Map<String, FileState> files() {
        return files;
    }

    /** Whether the first full scan is done. */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Applies every file of {@code etc/} and the manifests folder, removes what files that are gone produced, and
     * deletes tagged configurations whose file is gone (a restart reconciles).
     */
    public void scan() throws IOException {
        Set<Path> present = new LinkedHashSet<>();
        present.addAll(list(etc, ".cfg"));
        present.addAll(list(manifests, ".yaml", ".yml"));
        Set<String> sources = new java.util.HashSet<>();
        for (Path p : present) {
            sources.add(source(p));
            apply(p);
        }
        for (String gone : new ArrayList<>(files.keySet())) {
            if (!sources.contains(gone)) {
                apply(home.resolve(gone));
            }
        }
        Map<String, List<ConfigKey>> orphans = new TreeMap<>();
        store.all().values().forEach(a -> {
            if (a.source() != null && !exists(a.source())) {
                orphans.computeIfAbsent(a.source(), s -> new ArrayList<>()).add(a.key());
            }
        });
        for (Map.Entry<String, List<ConfigKey>> e : orphans.entrySet()) {
            execute(new Plan.Apply(e.getKey(), List.of(), e.getValue(), Set.of(), Set.of()), isManifest(e.getKey()));
        }
        loaded = true;
    }

    /** Applies the files that changed (created, modified or deleted); paths outside the watched files are ignored. */
    public void changed(Collection<Path> paths) throws IOException {
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (isCfg(abs) || isManifestPath(abs)) {
                apply(abs);
            }
        }
    }

    /** Tries again every manifest refused because a kind had no handler. */
    public void retryMissingHandlers() throws IOException {
        for (FileState f : files.values()) {
            if (f.missingHandler()) {
                apply(home.resolve(f.source()));
            }
        }
    }

    /** Tries again every .cfg applied as strings for want of metatype: its bundle may have arrived. */
    public void recheckUnchecked() throws IOException {
        for (FileState f : files.values()) {
            if (!f.manifest() && !f.unchecked().isEmpty()) {
                apply(home.resolve(f.source()));
            }
        }
    }

    /** Applies one file, or removes what it produced when it is gone. */
    public void apply(Path file) throws IOException {
        String source = source(file);
        boolean manifest = isManifestPath(file);
        if (!Files.isRegularFile(file)) {
            execute(Plan.removal(source, store.all()), manifest);
            forget(source);
            return;
        }
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            execute(new Plan.Refuse(source, List.of(new ConfigProblem(source, "", "", "cannot read: " + e)), false),
                    manifest);
            return;
        }
        Map<ConfigKey, Applied> current = store.all();
        Plan plan = manifest ? manifestPlanner.plan(source, text, current, this::exists)
                : cfgPlanner.plan(source, file.getFileName().toString(), text, current, this::exists);
        execute(plan, manifest);
    }

    /** Checks a console change like a file, writes {@code etc/PID.cfg} atomically and applies it. */
    public String set(ConfigKey key, Map<String, String> values) throws IOException, Refused {
        Path file = cfgFileOf(key);
        String source = source(file);
        Map<ConfigKey, Applied> current = store.all();
        refuseForeign(key, source, current.get(key));
        String text;
        if (Files.isRegularFile(file)) {
            try {
                text = CfgFile.update(Files.readString(file, StandardCharsets.UTF_8), values);
            } catch (IllegalArgumentException e) {
                throw new Refused(source, key.toString(), e.getMessage());
            }
        } else {
            text = CfgFile.render("written by config:set; edit freely", values);
        }
        Plan plan = cfgPlanner.plan(source, file.getFileName().toString(), text, current, this::exists);
        if (plan instanceof Plan.Refuse r) {
            throw new Refused(r.problems());
        }
        Files.createDirectories(etc);
        AtomicFiles.write(file, text);
        apply(file);
        FileState state = files.get(source);
        if (state != null && state.refused()) {
            throw new Refused(state.problems());
        }
        return "wrote " + source + (state != null && !state.unchecked().isEmpty() ? " (unchecked: no metatype)" : "");
    }

    /** Removes {@code etc/PID.cfg}; the configuration goes with it. */
    public String delete(ConfigKey key) throws IOException, Refused {
        Path file = cfgFileOf(key);
        String source = source(file);
        Applied now = store.all().get(key);
        refuseForeign(key, source, now);
        if (!Files.isRegularFile(file)) {
            throw new Refused(source, key.toString(), now == null ? "no such file, no such configuration"
                    : "no such file: the configuration was not written from etc/, so edgebox.config leaves it");
        }
        AtomicFiles.delete(file);
        apply(file);
        return "removed " + source + (now != null ? "; configuration " + key + " deleted" : "");
    }

    /** The file a path stands for, relative to the home with {@code /}: {@code etc/manifests/web.yaml}. */
    public String source(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path rel = abs.startsWith(home) ? home.relativize(abs) : abs;
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    private void refuseForeign(ConfigKey key, String source, Applied now) throws Refused {
        if (now != null && now.object() != null) {
            throw new Refused(source, key.toString(), "comes from " + now.object() + " in " + now.source()
                    + ": edit the manifest instead");
        }
        if (now != null && now.source() != null && !now.source().equals(source)) {
            throw new Refused(source, key.toString(), "comes from " + now.source() + ": edit that file instead");
        }
    }

    private Path cfgFileOf(ConfigKey key) throws Refused {
        String name = CfgFile.fileName(key);
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || CfgFile.keyOf(name) == null
                || !CfgFile.keyOf(name).equals(key)) {
            throw new Refused("", key.toString(), "not a valid PID or FACTORY~name for a file name");
        }
        return etc.resolve(name);
    }

    private void execute(Plan plan, boolean manifest) throws IOException {
        String kind = manifest ? "manifest" : "cfg";
        switch (plan) {
            case Plan.Apply a -> {
                try {
                    for (Plan.Put put : a.puts()) {
                        store.put(put.key(), put.properties());
                    }
                    for (ConfigKey key : a.deletes()) {
                        store.delete(key);
                    }
                } catch (IOException | RuntimeException e) {
                    execute(new Plan.Refuse(a.source(), List.of(new ConfigProblem(a.source(), "", "",
                            "Config Admin failed, the file may be half applied: " + e)), false), manifest);
                    return;
                }
                if (a.changes()) {
                    listener.applied(kind, a);
                }
                if (!a.produced().isEmpty() || files.containsKey(a.source())) {
                    remember(new FileState(a.source(), manifest, List.of(), false, a.unchecked()));
                }
            }
            case Plan.Refuse r -> {
                FileState before = files.get(r.source());
                boolean repeated = before != null && before.problems().equals(r.problems());
                listener.refused(kind, r.source(), r.problems(), repeated);
                remember(new FileState(r.source(), manifest, r.problems(), r.missingHandler(),
                        before == null ? Set.of() : before.unchecked()));
            }
        }
    }

    private void remember(FileState state) {
        Map<String, FileState> next = new HashMap<>(files);
        next.put(state.source(), state);
        files = Map.copyOf(next);
    }

    private void forget(String source) {
        if (files.containsKey(source)) {
            Map<String, FileState> next = new HashMap<>(files);
            next.remove(source);
            files = Map.copyOf(next);
        }
    }

    private boolean exists(String source) {
        return Files.isRegularFile(home.resolve(source));
    }

    private boolean isCfg(Path abs) {
        return etc.equals(abs.getParent()) && CfgFile.keyOf(abs.getFileName().toString()) != null;
    }

    private boolean isManifestPath(Path abs) {
        String name = abs.getFileName().toString();
        return manifests.equals(abs.toAbsolutePath().normalize().getParent()) && !name.startsWith(".")
                && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private boolean isManifest(String source) {
        return isManifestPath(home.resolve(source).normalize());
    }

    private static List<Path> list(Path dir, String... suffixes) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                for (String suffix : suffixes) {
                    if (name.endsWith(suffix) && !name.startsWith(".") && Files.isRegularFile(p)) {
                        out.add(p.toAbsolutePath().normalize());
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }
}
