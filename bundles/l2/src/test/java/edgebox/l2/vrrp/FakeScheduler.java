package edgebox.l2.vrrp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Virtual time: tasks run in due order as {@link #advance} moves the clock. */
final class FakeScheduler implements Scheduler {

    private record Task(long due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public Runnable schedule(Runnable task, long millis) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + millis, seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    void advance(long millis) {
        long end = now + millis;
        for (int guard = 0; guard < 100_000; guard++) {
            Task next = tasks.stream().filter(t -> !t.cancelled()[0] && t.due() <= end)
                    .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due();
            next.run().run();
        }
        now = end;
    }
}
