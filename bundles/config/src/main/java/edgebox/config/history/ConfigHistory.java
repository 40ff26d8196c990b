package edgebox.config.history;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import edgebox.config.apply.Engine;
import edgebox.config.apply.EtcReplacement;
import edgebox.config.apply.Refused;
import edgebox.config.model.EtcFile;
import edgebox.config.model.Schemas;

/**
 * The numbered revisions of the configuration in force: after each change the engine accepted, the files in force
 * become a new revision if they differ from the last one; a rollback makes {@code etc/} hold a revision's files again,
 * as a new revision. Keeps a bounded number, never the one a commit-confirm would return to. Changes run on the
 * apply thread; the listing and diffs may be read from anywhere.
 */
public final class ConfigHistory {

    private final RevisionStore store;
    private final Engine engine;
    private final EtcReplacement replacement;
    private final Schemas schemas;
    private final Clock clock;
    private volatile int keep;
    private volatile Set<Integer> pinned = Set.of();
    private volatile Revision latest;

    /** Opens the store and tells the engine the files of the newest revision, before its first scan. */
    public ConfigHistory(RevisionStore store, Engine engine, EtcReplacement replacement, Schemas schemas, Clock clock,
            int keep) throws IOException {
        this.store = store;
        this.engine = engine;
        this.replacement = replacement;
        this.schemas = schemas;
        this.clock = clock;
        this.keep = Math.max(1, keep);
        this.latest = store.latest().orElse(null);
        if (latest != null) {
            engine.acceptedBefore(latest.files());
        }
    }

    /** How many revisions are kept from the next change on (at least one). */
    public void keep(int revisions) {
        keep = Math.max(1, revisions);
    }

    /** A revision that pruning must keep (the one a commit-confirm returns to), or {@code null} for none. */
    void pin(Integer number) {
        pinned = number == null ? Set.of() : Set.of(number);
    }

    /** The files in force: the newest revision's, or newer when a change is not recorded yet. */
    public Map<EtcFile, String> inForce() {
        return engine.accepted();
    }

    /** The newest revision's number, 0 before the first. */
    public int latestNumber() {
        Revision r = latest;
        return r == null ? 0 : r.number();
    }

    /**
     * Records the files in force as a new revision when they differ from the newest one.
     *
     * @param who who made the change; {@code null} for edits of files, named after the files
     */
    public Optional<RevisionInfo> record(String who) throws IOException {
        Map<EtcFile, String> now = engine.accepted();
        Revision last = latest;
        Map<EtcFile, String> before = last == null ? Map.of() : last.files();
        if (now.equals(before)) {
            return Optional.empty();
        }
        ConfigDiff diff = ConfigDiff.between(before, now, schemas);
        String by = who != null ? who : last == null ? "first start" : changedFiles(before, now);
        Revision written = store.write(clock.instant(), by, diff.summary(), now);
        latest = written;
        store.prune(keep, pinned);
        return Optional.of(written.info());
    }

    /** The newest {@code count} revisions, newest first. */
    public List<RevisionInfo> list(int count) throws IOException {
        List<RevisionInfo> all = new ArrayList<>(store.list());
        java.util.Collections.reverse(all);
        return all.subList(0, Math.min(Math.max(0, count), all.size()));
    }

    /** How many revisions are kept now. */
    public int kept() throws IOException {
        return store.list().size();
    }

    /** A kept revision, or a refusal that says which are kept. */
    public Revision revision(int number) throws IOException, Refused {
        Optional<Revision> r = store.read(number);
        if (r.isEmpty()) {
            List<RevisionInfo> all = store.list();
            throw new Refused("", "revision " + number, all.isEmpty() ? "no such revision: none is kept yet"
                    : "no such revision: kept are " + all.get(0).number() + " to " + all.get(all.size() - 1).number());
        }
        return r.get();
    }

    /** What changed from revision {@code from} to revision {@code to}. */
    public ConfigDiff diff(Revision from, Revision to) {
        return ConfigDiff.between(from.files(), to.files(), schemas);
    }

    /**
     * Makes a kept revision's files the configuration in force, live, and records that as a new revision.
     *
     * @param who what the new revision says made it ({@code rollback to 41 by operator ...})
     * @throws Refused when the revision is not kept or the box would refuse its files now; nothing changed then
     */
    public Restored rollback(int number, String who) throws IOException, Refused {
        return restore(revision(number).files(), who);
    }

    /** Makes these files the configuration in force, live, and records that as a new revision. */
    public Restored restore(Map<EtcFile, String> files, String who) throws IOException, Refused {
        EtcReplacement.Outcome outcome = replacement.replace(files);
        return new Restored(outcome, record(who).orElse(null));
    }

    /** What a rollback or an import did; {@code revision} is {@code null} when the files in force did not change. */
    public record Restored(EtcReplacement.Outcome outcome, RevisionInfo revision) {
    }

    private static String changedFiles(Map<EtcFile, String> before, Map<EtcFile, String> now) {
        Set<EtcFile> names = new TreeSet<>(before.keySet());
        names.addAll(now.keySet());
        List<String> changed = names.stream()
                .filter(f -> !java.util.Objects.equals(before.get(f), now.get(f))).map(EtcFile::path).toList();
        String word = changed.size() == 1 ? "file " : "files ";
        if (changed.size() <= 3) {
            return word + String.join(", ", changed);
        }
        return word + String.join(", ", changed.subList(0, 3)) + " and " + (changed.size() - 3) + " more";
    }
}
