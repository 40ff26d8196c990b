package edgebox.config.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import edgebox.config.apply.EtcReplacement;
import edgebox.config.apply.Refused;

/**
 * The console's way to the history: every change runs on the apply thread, in line with the edits of files, and is
 * recorded in the name of who made it; listings and diffs are read on the caller's thread. Says what was done.
 */
public final class HistoryService implements HistoryControl {

    /** Runs a change on the apply thread, records what it changed as made by {@code who}, and returns its outcome. */
    @FunctionalInterface
    public interface ApplyThread {
        String call(String who, Callable<String> change) throws Exception;
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConfigHistory history;
    private final CommitConfirm commitConfirm;
    private final Path home;
    private final Clock clock;
    private final ApplyThread applyThread;

    public HistoryService(ConfigHistory history, CommitConfirm commitConfirm, Path home, Clock clock,
            ApplyThread applyThread) {
        this.history = history;
        this.commitConfirm = commitConfirm;
        this.home = home;
        this.clock = clock;
        this.applyThread = applyThread;
    }

    @Override
    public Listing history(int count) throws Exception {
        return new Listing(history.list(count), history.kept(), commitConfirm.current().orElse(null));
    }

    @Override
    public Compared diff(int from, int to) throws Exception {
        Revision a = history.revision(from);
        Revision b = history.revision(to);
        return new Compared(a.info(), b.info(), history.diff(a, b));
    }

    @Override
    public Compared diff(int number) throws Exception {
        Revision b = history.revision(number);
        List<RevisionInfo> older = history.list(Integer.MAX_VALUE).stream().filter(r -> r.number() < number).toList();
        if (older.isEmpty()) {
            throw new Refused("", "revision " + number, "no revision before it is kept to compare with");
        }
        Revision a = history.revision(older.get(0).number());
        return new Compared(a.info(), b.info(), history.diff(a, b));
    }

    @Override
    public String rollback(int number, String user) throws Exception {
        String who = "rollback to " + number + " by " + user;
        return applyThread.call(who, () -> {
            long start = System.nanoTime();
            ConfigHistory.Restored done = history.rollback(number, who);
            return said(done, "rolled back to revision " + number, "revision " + number, start);
        });
    }

    @Override
    public String importFrom(String file, String user) throws Exception {
        Path path = home.resolve(file);
        String who = "import " + file + " by " + user;
        return applyThread.call(who, () -> {
            long start = System.nanoTime();
            ConfigHistory.Restored done = history.restore(ExportFile.read(path), who);
            return said(done, "imported " + path, "the configuration of " + path, start);
        });
    }

    @Override
    public String exportTo(String file, String user) throws Exception {
        Path path = home.resolve(file);
        return applyThread.call(user, () -> {
            ExportFile.write(path, history.inForce(), history.latestNumber(), clock.instant());
            return "exported revision " + history.latestNumber() + " (" + history.inForce().size() + " files) to "
                    + path + "; it holds secrets: keep it safe";
        });
    }

    @Override
    public String commitConfirm(Duration length, String user) throws Exception {
        return applyThread.call(user, () -> {
            Probation p = commitConfirm.arm(length, user);
            return "on probation until " + TIME.format(p.deadline().atZone(clock.getZone())) + " ("
                    + CommitConfirm.minutes(length) + "): unless config:confirm follows, the configuration goes back"
                    + " to revision " + p.base() + " on its own";
        });
    }

    @Override
    public String confirm(String user) throws Exception {
        return applyThread.call(user, () -> commitConfirm.confirm(user)
                .map(p -> "confirmed: the changes since revision " + p.base() + " stay")
                .orElse("nothing to confirm: no config:commit-confirm is in force"));
    }

    private static String said(ConfigHistory.Restored done, String did, String target, long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        EtcReplacement.Outcome o = done.outcome();
        StringBuilder b = new StringBuilder();
        if (done.revision() == null) {
            b.append(target).append(" is the configuration in force already");
        } else {
            b.append(did).append(": now revision ").append(done.revision().number()).append(", ")
                    .append(done.revision().summary());
        }
        b.append(" (").append(ms).append(" ms)");
        o.written().forEach(f -> b.append("\n  wrote ").append(f));
        o.removed().forEach(f -> b.append("\n  removed ").append(f));
        o.waiting().forEach(f -> b.append("\n  waits for the function that handles its kinds: ").append(f));
        if (!o.problems().isEmpty()) {
            b.append("\n  refused after all (the last good state of these stays):");
            o.problems().forEach(p -> b.append("\n    ").append(p));
        }
        return b.toString();
    }
}
