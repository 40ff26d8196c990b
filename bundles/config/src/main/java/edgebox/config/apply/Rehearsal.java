package edgebox.config.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestHandler;
import edgebox.api.config.ManifestKind;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.EtcFile;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;
import edgebox.config.model.Validators;

/**
 * Applies a whole set of files to a Config Admin in a map, in a scratch home, with the box's own metatype,
 * validators and manifest handlers: what the box would refuse of them, before one file of {@code etc/} changes.
 * Configurations this bundle did not write are in the rehearsal too, as they would be beside the files.
 */
public final class Rehearsal {

    /** What the box would make of the files: the problems that refuse them, and those waiting for a function. */
    public record Outcome(List<ConfigProblem> problems, List<String> waiting) {

        public Outcome {
            problems = List.copyOf(problems);
            waiting = List.copyOf(waiting);
        }
    }

    private final Path scratch;
    private final Schemas schemas;
    private final Validators validators;
    private final Function<ManifestKind, ManifestHandler> handlers;

    /** @param scratch a folder of its own, emptied before and after each rehearsal */
    public Rehearsal(Path scratch, Schemas schemas, Validators validators,
            Function<ManifestKind, ManifestHandler> handlers) {
        this.scratch = scratch;
        this.schemas = schemas;
        this.validators = validators;
        this.handlers = handlers;
    }

    /**
     * @param files    the whole configuration to try, by revision name; the problems name files as these do
     *                 ({@code etc/edgebox.health.cfg})
     * @param external what Config Admin holds now; only the configurations this bundle did not write are used
     */
    public Outcome check(Map<EtcFile, String> files, Map<ConfigKey, Applied> external) throws IOException {
        AtomicFiles.removeTree(scratch);
        try {
            for (Map.Entry<EtcFile, String> f : files.entrySet()) {
                Path p = scratch.resolve(f.getKey().path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            Map<ConfigKey, Applied> start = new HashMap<>();
            external.forEach((k, a) -> {
                if (a.source() == null) {
                    start.put(k, a);
                }
            });
            Map<String, Optional<Schema>> found = new HashMap<>();
            Schemas once = (pid, factory) -> found.computeIfAbsent((factory ? "factory " : "") + pid,
                    k -> schemas.find(pid, factory));
            Engine engine = new Engine(scratch, Path.of(EtcFile.CFG_FOLDER), Path.of(EtcFile.MANIFEST_FOLDER),
                    new MapStore(start), once, validators, handlers, EngineListener.NONE);
            engine.scan();
            List<ConfigProblem> problems = new ArrayList<>();
            List<String> waiting = new ArrayList<>();
            engine.files().values().stream().sorted(java.util.Comparator.comparing(FileState::source)).forEach(f -> {
                if (f.waitingForHandler()) {
                    waiting.add(f.source());
                } else {
                    problems.addAll(f.problems());
                }
            });
            return new Outcome(problems, waiting);
        } finally {
            AtomicFiles.removeTree(scratch);
        }
    }
}
