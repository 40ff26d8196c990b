package edgebox.config.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import edgebox.config.cfg.CfgFile;
import edgebox.config.cfg.CfgPlanner;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Plan;
import edgebox.config.model.Schemas;
import edgebox.config.model.Validators;

/**
 * {@code config:set} and {@code config:delete}: a console change is checked like an edit of {@code etc/PID.cfg},
 * then written atomically and applied by the engine. A configuration a manifest or another file makes is refused:
 * the file it comes from is the one to edit. Runs on the apply thread.
 */
public final class ConsoleEdits {

    private final Engine engine;
    private final ConfigStore store;
    private final CfgPlanner planner;

    public ConsoleEdits(Engine engine, ConfigStore store, Schemas schemas, Validators validators) {
        this.engine = engine;
        this.store = store;
        this.planner = new CfgPlanner(schemas, validators);
    }

    /** Checks a console change like a file, writes {@code etc/PID.cfg} atomically and applies it. */
    public String set(ConfigKey key, Map<String, String> values) throws IOException, Refused {
        Path file = cfgFileOf(key);
        String source = engine.source(file);
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
        Plan plan = planner.plan(source, file.getFileName().toString(), text, current, engine::exists);
        if (plan instanceof Plan.Refuse r) {
            throw new Refused(r.problems());
        }
        Files.createDirectories(engine.etc());
        AtomicFiles.write(file, text);
        engine.apply(file);
        FileState state = engine.files().get(source);
        if (state != null && state.refused()) {
            throw new Refused(state.problems());
        }
        return "wrote " + source + (state != null && !state.unchecked().isEmpty() ? " (unchecked: no metatype)" : "");
    }

    /** Removes {@code etc/PID.cfg}; the configuration goes with it. */
    public String delete(ConfigKey key) throws IOException, Refused {
        Path file = cfgFileOf(key);
        String source = engine.source(file);
        Applied now = store.all().get(key);
        refuseForeign(key, source, now);
        if (!Files.isRegularFile(file)) {
            throw new Refused(source, key.toString(), now == null ? "no such file, no such configuration"
                    : "no such file: the configuration was not written from etc/, so edgebox.config leaves it");
        }
        AtomicFiles.delete(file);
        engine.apply(file);
        return "removed " + source + (now != null ? "; configuration " + key + " deleted" : "");
    }

    private static void refuseForeign(ConfigKey key, String source, Applied now) throws Refused {
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
        return engine.etc().resolve(name);
    }
}
