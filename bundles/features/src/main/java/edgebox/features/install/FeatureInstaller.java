package edgebox.features.install;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import edgebox.features.repo.BundleFile;
import edgebox.features.repo.BundleId;
import edgebox.features.repo.FeatureDefinition;
import edgebox.features.repo.FeatureException;
import edgebox.features.repo.FeatureRepository;

/**
 * Installs and uninstalls features in the framework. Install: refuse the feature if a bundle file is missing or
 * unreadable, else install its bundles that are not present (same symbolic name and version), start the ones that
 * are not fragments and create its configurations whose PID has none yet. Uninstall: stop and uninstall the bundles
 * no other installed feature names, delete the configurations it created. The installed set is saved after each
 * change. One call at a time (the methods are synchronized).
 */
public final class FeatureInstaller {

    /** What one install or uninstall did. {@code refused}: nothing was changed, see {@code failures}. */
    public record Outcome(String feature, boolean refused, List<String> bundles, List<String> configurations,
                          List<String> failures) {

        public Outcome {
            bundles = List.copyOf(bundles);
            configurations = List.copyOf(configurations);
            failures = List.copyOf(failures);
        }

        static Outcome refused(String feature, String reason) {
            return new Outcome(feature, true, List.of(), List.of(), List.of(reason));
        }

        public boolean ok() {
            return !refused && failures.isEmpty();
        }
    }

    /** An installed feature: its definition as installed and the framework identity of each of its bundles. */
    private record Installed(FeatureDefinition definition, List<InstallPlan.Step> steps) {
    }

    private final FeatureRepository repository;
    private final BundleHost host;
    private final ConfigHost configs;
    private final StateStore state;
    private final Set<String> permanent;
    private final Map<String, Installed> installed = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();

    /** {@code permanent}: features that cannot be uninstalled (the runtime, {@code core}). */
    public FeatureInstaller(FeatureRepository repository, BundleHost host, ConfigHost configs, StateStore state,
                            Set<String> permanent) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.host = Objects.requireNonNull(host, "host");
        this.configs = Objects.requireNonNull(configs, "configs");
        this.state = Objects.requireNonNull(state, "state");
        this.permanent = Set.copyOf(permanent);
    }

    public synchronized Set<String> installed() {
        return new LinkedHashSet<>(installed.keySet());
    }

    /**
     * Per feature, the last failure its latest install or uninstall met (a boot feature that was refused included);
     * a later clean install or uninstall of the feature clears it. A refused command is only reported to its caller.
     */
    public synchronized Map<String, String> problems() {
        return new LinkedHashMap<>(problems);
    }

    /** Installs {@code names} (boot features plus the saved ones) in order; returns one outcome each. */
    public synchronized List<Outcome> restore(Set<String> names) {
        Set<String> all = new LinkedHashSet<>(names);
        try {
            all.addAll(state.load());
        } catch (IOException e) {
            problems.put("(state)", "state file " + state.file() + ": cannot be read: " + reason(e));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : all) {
            Outcome outcome = install(name);
            if (outcome.refused()) {
                problems.put(name, outcome.failures().getLast());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Computes what installing {@code feature} would do; refuses when a file is missing or is no bundle. */
    InstallPlan plan(FeatureDefinition feature) throws FeatureException {
        List<String> missing = repository.missing(feature);
        if (!missing.isEmpty()) {
            throw new FeatureException(String.join("; ", missing));
        }
        Map<String, BundleHost.Present> present = new HashMap<>();
        for (BundleHost.Present bundle : host.bundles()) {
            present.put(InstallPlan.Step.key(bundle.symbolicName(), bundle.version()), bundle);
        }
        List<InstallPlan.Step> steps = new ArrayList<>();
        for (BundleId id : feature.bundles()) {
            BundleFile file = BundleFile.read(repository.file(id));
            steps.add(new InstallPlan.Step(id, file, present.get(InstallPlan.Step.key(file.symbolicName(), file.version()))));
        }
        return new InstallPlan(feature, steps);
    }

    public synchronized Outcome install(String name) {
        InstallPlan plan;
        try {
            plan = plan(repository.find(name));
        } catch (FeatureException e) {
            return Outcome.refused(name, e.getMessage());
        }
        List<String> bundles = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<InstallPlan.Step, Long> ids = new LinkedHashMap<>();
        for (InstallPlan.Step step : plan.steps()) {
            if (step.present() != null) {
                ids.put(step, step.present().id());
                continue;
            }
            try {
                ids.put(step, host.install(step.file().path().toAbsolutePath().toUri().toString()));
                bundles.add(step.key());
            } catch (Exception e) {
                failures.add(bundleFailure(name, step, "install", e));
            }
        }
        for (Map.Entry<InstallPlan.Step, Long> bundle : ids.entrySet()) {
            InstallPlan.Step step = bundle.getKey();
            boolean started = step.present() != null && step.present().started();
            if (step.file().fragment() || started) {
                continue;
            }
            try {
                host.start(bundle.getValue());
            } catch (Exception e) {
                failures.add(bundleFailure(name, step, "start", e));
            }
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> configuration : plan.feature().configurations().entrySet()) {
            String pid = configuration.getKey();
            try {
                if (!configs.exists(pid)) {
                    configs.create(pid, configuration.getValue(), name);
                    created.add(pid);
                }
            } catch (Exception e) {
                failures.add("feature '" + name + "': configuration " + pid + ": " + reason(e));
            }
        }
        installed.put(name, new Installed(plan.feature(), plan.steps()));
        save(name, failures);
        record(name, failures);
        return new Outcome(name, false, bundles, created, failures);
    }

    public synchronized Outcome uninstall(String name) {
        if (permanent.contains(name)) {
            String reason = "feature '" + name + "': cannot be uninstalled, the runtime needs it";
            return Outcome.refused(name, reason);
        }
        Installed feature = installed.get(name);
        if (feature == null) {
            String reason = "feature '" + name + "': not installed (installed: " + String.join(", ", installed.keySet()) + ")";
            return Outcome.refused(name, reason);
        }
        Set<String> stillNamed = new HashSet<>();
        installed.forEach((other, definition) -> {
            if (!other.equals(name)) {
                definition.steps().forEach(step -> stillNamed.add(step.key()));
            }
        });
        Map<String, BundleHost.Present> present = new HashMap<>();
        for (BundleHost.Present bundle : host.bundles()) {
            present.put(InstallPlan.Step.key(bundle.symbolicName(), bundle.version()), bundle);
        }
        List<BundleHost.Present> remove = new ArrayList<>();
        for (InstallPlan.Step step : feature.steps()) {
            BundleHost.Present bundle = present.get(step.key());
            if (bundle != null && !stillNamed.contains(step.key()) && !remove.contains(bundle)) {
                remove.add(bundle);
            }
        }
        List<String> failures = new ArrayList<>();
        for (BundleHost.Present bundle : remove.reversed()) {
            if (!bundle.fragment()) {
                try {
                    host.stop(bundle.id());
                } catch (Exception e) {
                    failures.add(presentFailure(name, bundle, "stop", e));
                }
            }
        }
        List<String> removed = new ArrayList<>();
        for (BundleHost.Present bundle : remove) {
            try {
                host.uninstall(bundle.id());
                removed.add(InstallPlan.Step.key(bundle.symbolicName(), bundle.version()));
            } catch (Exception e) {
                failures.add(presentFailure(name, bundle, "uninstall", e));
            }
        }
        if (!removed.isEmpty()) {
            host.refresh();
        }
        List<String> deleted = new ArrayList<>();
        for (String pid : feature.definition().configurations().keySet()) {
            try {
                if (configs.deleteIfCreatedBy(pid, name)) {
                    deleted.add(pid);
                }
            } catch (Exception e) {
                failures.add("feature '" + name + "': configuration " + pid + ": delete: " + reason(e));
            }
        }
        installed.remove(name);
        save(name, failures);
        record(name, failures);
        return new Outcome(name, false, removed, deleted, failures);
    }

    private void save(String name, List<String> failures) {
        try {
            state.save(installed.keySet());
        } catch (IOException e) {
            failures.add("feature '" + name + "': state file " + state.file() + ": cannot be written: " + reason(e));
        }
    }

    private void record(String name, List<String> failures) {
        if (failures.isEmpty()) {
            problems.remove(name);
        } else {
            problems.put(name, failures.getLast());
        }
    }

    private static String bundleFailure(String feature, InstallPlan.Step step, String action, Exception e) {
        return "feature '" + feature + "': bundle " + step.id() + " (" + step.key() + "): " + action + ": " + reason(e);
    }

    private static String presentFailure(String feature, BundleHost.Present bundle, String action, Exception e) {
        return "feature '" + feature + "': bundle " + bundle.symbolicName() + "@" + bundle.version() + ": " + action
                + ": " + reason(e);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
