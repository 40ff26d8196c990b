package edgebox.config.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.EtcFile;

/**
 * Makes {@code etc/} hold exactly a given set of configuration files, live: the set is rehearsed whole first and
 * refused whole (nothing written) when the box would refuse any of it; then the files that differ are written, those
 * not in the set removed, and all of them applied at once, as an editor's changes would be. Runs on the apply thread.
 */
public final class EtcReplacement {

    /**
     * What the replacement did.
     *
     * @param written  the files written, as revisions name them
     * @param removed  the files removed
     * @param waiting  the files that wait for the function that handles their kinds
     * @param problems what the box refused after all (a handler or metatype that changed since the rehearsal)
     */
    public record Outcome(List<String> written, List<String> removed, List<String> waiting,
            List<ConfigProblem> problems) {

        public Outcome {
            written = List.copyOf(written);
            removed = List.copyOf(removed);
            waiting = List.copyOf(waiting);
            problems = List.copyOf(problems);
        }
    }

    private final Engine engine;
    private final ConfigStore store;
    private final Rehearsal rehearsal;

    public EtcReplacement(Engine engine, ConfigStore store, Rehearsal rehearsal) {
        this.engine = engine;
        this.store = store;
        this.rehearsal = rehearsal;
    }

    /** @throws Refused with every problem the rehearsal found; then nothing changed */
    public Outcome replace(Map<EtcFile, String> target) throws IOException, Refused {
        Rehearsal.Outcome tried = rehearsal.check(target, store.all());
        if (!tried.problems().isEmpty()) {
            throw new Refused(tried.problems());
        }
        EtcLayout layout = engine.layout();
        Set<Path> wanted = new HashSet<>();
        target.keySet().forEach(f -> wanted.add(layout.path(f)));
        List<Path> touched = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        try {
            for (Path p : layout.files()) {
                if (!wanted.contains(p)) {
                    AtomicFiles.delete(p);
                    touched.add(p);
                    removed.add(layout.source(p));
                }
            }
            for (Map.Entry<EtcFile, String> f : target.entrySet()) {
                Path p = layout.path(f.getKey());
                byte[] text = f.getValue().getBytes(StandardCharsets.UTF_8);
                if (!Files.isRegularFile(p) || !java.util.Arrays.equals(Files.readAllBytes(p), text)) {
                    Files.createDirectories(p.getParent());
                    AtomicFiles.write(p, text);
                    touched.add(p);
                    written.add(f.getKey().path());
                }
            }
        } finally {
            engine.changed(touched);
        }
        List<Path> stuck = refused(touched);
        if (!stuck.isEmpty()) {
            engine.reapply(stuck);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path p : refused(touched)) {
            problems.addAll(engine.files().get(engine.layout().source(p)).problems());
        }
        return new Outcome(written, removed, tried.waiting(), problems);
    }

    private List<Path> refused(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            FileState state = engine.files().get(engine.layout().source(p));
            if (state != null && state.refused() && !state.waitingForHandler()) {
                out.add(p);
            }
        }
        return out;
    }
}
