package edgebox.config.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.config.cfg.CfgPlanner;
import edgebox.config.manifest.ManifestPlanner;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.EtcFile;
import edgebox.config.model.Plan;
import edgebox.config.model.Schemas;
import edgebox.config.model.Validators;

/**
 * Keeps Config Admin in step with {@code etc/}: plans each changed file (a {@code .cfg} or a manifest), applies a
 * plan whole or keeps the last good state and remembers why, and the text it last accepted of each file (the
 * configuration's history records those). Not thread-safe: every change runs on the one apply thread;
 * {@link #files()}, {@link #accepted()} and {@link #loaded()} may be read from anywhere.
 */
public final class Engine {

    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final EtcLayout layout;
    private final ConfigStore store;
    private final CfgPlanner cfgPlanner;
    private final ManifestPlanner manifestPlanner;
    private final EngineListener listener;
    private volatile Map<String, FileState> files = Map.of();
    private volatile Map<EtcFile, String> accepted = Map.of();
    private volatile boolean loaded;

    public Engine(Path home, Path etc, Path manifests, ConfigStore store, Schemas schemas, Validators validators,
            Function<ManifestKind, ManifestHandler> handlers, EngineListener listener) {
        this.layout = new EtcLayout(home, etc, manifests);
        this.store = store;
        this.cfgPlanner = new CfgPlanner(schemas, validators);
        this.manifestPlanner = new ManifestPlanner(handlers, validators);
        this.listener = listener;
    }

    public EtcLayout layout() {
        return layout;
    }

    public Path etc() {
        return layout.etc();
    }

    public Path manifests() {
        return layout.manifests();
    }

    /** What the engine last made of each file it knows, by source. */
    public Map<String, FileState> files() {
        return files;
    }

    /**
     * The text each file had when it was last applied, or accepted to wait for the function that handles its kinds;
     * a refused edit leaves the text before it. This is the configuration in force, as revisions record it.
     */
    public Map<EtcFile, String> accepted() {
        return accepted;
    }

    /**
     * Starts from the files as last recorded, before the first scan: a file refused at start then keeps the text
     * whose configuration Config Admin still holds.
     */
    public void acceptedBefore(Map<EtcFile, String> recorded) {
        accepted = Map.copyOf(recorded);
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
        List<Path> present = layout.files();
        Set<String> sources = new java.util.HashSet<>();
        for (Path p : present) {
            sources.add(source(p));
            apply(p);
        }
        settle(present);
        for (String gone : new ArrayList<>(files.keySet())) {
            if (!sources.contains(gone)) {
                apply(layout.home().resolve(gone));
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
        Map<EtcFile, String> kept = new HashMap<>(accepted);
        kept.keySet().removeIf(f -> !Files.isRegularFile(layout.path(f)));
        accepted = Map.copyOf(kept);
        loaded = true;
    }

    /**
     * Applies the files that changed (created, modified or deleted); paths outside the watched files are ignored.
     * A file refused while another of the batch still held one of its objects is tried again once that one let go.
     */
    public void changed(Collection<Path> paths) throws IOException {
        List<Path> watched = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (layout.isCfg(abs) || layout.isManifest(abs)) {
                watched.add(abs);
                apply(abs);
            }
        }
        settle(watched);
    }

    /**
     * Applies files again from nothing: what they produced is deleted first. For a set known to be good as a whole
     * whose files took each other's objects (two files that swapped two objects), which no order of applying them one
     * by one gets past.
     */
    public void reapply(Collection<Path> paths) throws IOException {
        for (Path p : paths) {
            execute(Plan.removal(source(p), store.all()), layout.isManifest(p));
        }
        changed(paths);
    }

    /** Applies again, while that helps, the files of a batch refused because another of them held an object. */
    private void settle(List<Path> batch) throws IOException {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Path p : batch) {
                FileState f = files.get(source(p));
                if (f != null && f.refused() && !f.waitingForHandler()) {
                    apply(p);
                    FileState now = files.get(source(p));
                    progress |= now == null || !now.refused();
                }
            }
        }
    }

    /** Tries again every manifest refused because a kind had no handler. */
    public void retryMissingHandlers() throws IOException {
        for (FileState f : files.values()) {
            if (f.missingHandler()) {
                apply(layout.home().resolve(f.source()));
            }
        }
    }

    /** Tries again every .cfg applied as strings for want of metatype: its bundle may have arrived. */
    public void recheckUnchecked() throws IOException {
        for (FileState f : files.values()) {
            if (!f.manifest() && !f.unchecked().isEmpty()) {
                apply(layout.home().resolve(f.source()));
            }
        }
    }

    /** Applies one file, or removes what it produced when it is gone. */
    public void apply(Path file) throws IOException {
        String source = source(file);
        boolean manifest = layout.isManifest(file);
        EtcFile name = layout.etcFile(file);
        if (!Files.isRegularFile(file)) {
            execute(Plan.removal(source, store.all()), manifest);
            forget(source);
            accept(name, null);
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
        FileState state = files.get(source);
        if (state == null || !state.refused() || state.waitingForHandler()) {
            accept(name, text);
        }
    }

    /** The file a path stands for, relative to the home with {@code /}: {@code etc/manifests/web.yaml}. */
    public String source(Path file) {
        return layout.source(file);
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

    private void accept(EtcFile name, String text) {
        if (name == null || java.util.Objects.equals(accepted.get(name), text)) {
            return;
        }
        Map<EtcFile, String> next = new HashMap<>(accepted);
        if (text == null) {
            next.remove(name);
        } else {
            next.put(name, text);
        }
        accepted = Map.copyOf(next);
    }

    private void forget(String source) {
        if (files.containsKey(source)) {
            Map<String, FileState> next = new HashMap<>(files);
            next.remove(source);
            files = Map.copyOf(next);
        }
    }

    /** Whether a file (relative to the home) exists. */
    boolean exists(String source) {
        return Files.isRegularFile(layout.home().resolve(source));
    }

    private boolean isManifest(String source) {
        return layout.isManifest(layout.home().resolve(source).normalize());
    }
}
