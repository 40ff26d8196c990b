package edgebox.objects.store;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.KubeObject;
import edgebox.api.objects.Meta;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSnapshot.GatewaySettings;
import edgebox.objects.derive.Snapshots;
import edgebox.objects.manifest.Translator;

/**
 * The API server's store: takes each configuration of a shared kind, parses and checks it once, keeps the last good
 * object of each (a refused update leaves the previous version in force; only a delete removes), derives the facts
 * and publishes one immutable {@link ObjectSnapshot} on its single thread, debounced: the first change schedules a
 * build {@code debounceMillis} later and later changes ride along. Subscribers get every snapshot, in order.
 */
public final class ObjectStore {

    private static final System.Logger LOG = System.getLogger("edgebox.objects");

    private final ScheduledExecutorService thread;
    private final long debounceMillis;
    private final AllocationFile allocationFile;
    private final List<Consumer<ObjectSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, KubeObject> objects = new HashMap<>();
    private final Map<String, List<ConfigProblem>> refused = new LinkedHashMap<>();
    private final Map<String, Long> order = new HashMap<>();
    private final Set<String> awaiting = new HashSet<>();
    private Map<String, InetAddress> allocations;
    private GatewaySettings settings;
    private long nextOrder;
    private long version;
    private boolean scheduled;
    private long awaitUntilNanos;
    private Runnable onFirst = () -> { };
    private volatile ObjectSnapshot current = ObjectSnapshot.EMPTY;
    private volatile boolean published;

    public ObjectStore(ScheduledExecutorService thread, long debounceMillis, GatewaySettings settings,
            AllocationFile allocationFile) {
        this.thread = thread;
        this.debounceMillis = debounceMillis;
        this.settings = settings;
        this.allocationFile = allocationFile;
    }

    public ObjectSnapshot current() {
        return current;
    }

    /** Whether the first complete snapshot has been published. */
    public boolean ready() {
        return published;
    }

    public AutoCloseable subscribe(Consumer<ObjectSnapshot> subscriber) {
        thread.execute(() -> {
            subscribers.add(subscriber);
            deliver(subscriber, current);
        });
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Holds back the first snapshot until every configuration in {@code pids} (what Config Admin holds when the
     * store starts) has arrived or been deleted, or {@code millis} have passed; then runs {@code first} once.
     */
    public synchronized void start(Set<String> pids, long millis, Runnable first) {
        onFirst = first;
        awaiting.addAll(pids);
        awaiting.removeAll(objects.keySet());
        awaiting.removeAll(refused.keySet());
        awaitUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        thread.schedule(this::build, awaiting.isEmpty() ? 0 : millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes configuration {@code pid} of {@code factoryPid}. Returns the problems that refuse it (then the previous
     * object of that PID, if any, stays), empty when taken.
     */
    public synchronized List<ConfigProblem> put(String factoryPid, String pid, Map<String, ?> properties) {
        awaiting.remove(pid);
        try {
            KubeObject o = Translator.read(factoryPid, properties);
            String key = o.kind() + " " + o.meta().key();
            long arrived = order.computeIfAbsent(key, k -> nextOrder++);
            objects.put(pid, withOrder(o, arrived));
            refused.remove(pid);
            schedule();
            return List.of();
        } catch (Translator.Refused e) {
            refused.put(pid, e.problems());
            LOG.log(Level.ERROR, "objects: " + pid + " refused, " + (objects.containsKey(pid)
                    ? "the previous version stays: " : "nothing of it is served: ") + e.getMessage());
            schedule();
            return e.problems();
        }
    }

    public synchronized void remove(String pid) {
        boolean awaited = awaiting.remove(pid);
        boolean had = objects.remove(pid) != null | refused.remove(pid) != null;
        if (had || awaited && awaiting.isEmpty()) {
            schedule();
        }
    }

    public synchronized void settings(GatewaySettings next) {
        settings = next;
        schedule();
    }

    /** The refusals in force, by configuration PID. */
    public synchronized Map<String, List<ConfigProblem>> refusals() {
        return Map.copyOf(refused);
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            thread.schedule(this::build, debounceMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void build() {
        List<KubeObject> input;
        GatewaySettings s;
        List<ConfigProblem> problems = new ArrayList<>();
        long v;
        synchronized (this) {
            scheduled = false;
            if (holdingBack()) {
                return;
            }
            input = new ArrayList<>(objects.values());
            refused.values().forEach(problems::addAll);
            s = settings;
            v = ++version;
        }
        try {
            Snapshots.Built built = Snapshots.build(v, input, s, problems, allocations());
            keep(built.allocations());
            ObjectSnapshot next = built.snapshot();
            current = next;
            for (Consumer<ObjectSnapshot> sub : subscribers) {
                deliver(sub, next);
            }
            if (!published) {
                published = true;
                onFirst.run();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "objects: building snapshot " + v + " failed, the last one stays", e);
        }
    }

    private boolean holdingBack() {
        if (published || awaiting.isEmpty()) {
            return false;
        }
        if (System.nanoTime() - awaitUntilNanos >= 0) {
            LOG.log(Level.WARNING, "objects: publishing without configurations that did not arrive in time: "
                    + awaiting);
            awaiting.clear();
            return false;
        }
        return true;
    }

    private Map<String, InetAddress> allocations() {
        if (allocations == null) {
            allocations = allocationFile.read();
        }
        return allocations;
    }

    private void keep(Map<String, InetAddress> next) {
        if (next.equals(allocations)) {
            return;
        }
        allocations = next;
        try {
            allocationFile.write(next);
        } catch (java.io.IOException e) {
            LOG.log(Level.ERROR, "objects: LoadBalancer allocations not saved, they may move after a restart: " + e);
        }
    }

    private static void deliver(Consumer<ObjectSnapshot> subscriber, ObjectSnapshot snapshot) {
        try {
            subscriber.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "objects: a subscriber failed on snapshot " + snapshot.version(), e);
        }
    }

    private static KubeObject withOrder(KubeObject o, long arrived) {
        Meta m = o.meta().withOrder(arrived);
        return switch (o) {
            case edgebox.api.objects.Gateway g -> new edgebox.api.objects.Gateway(m, g.className(), g.addresses(),
                    g.listeners());
            case edgebox.api.objects.Route r -> new edgebox.api.objects.Route(r.kind(), m, r.parentRefs(),
                    r.hostnames(), r.rules());
            default -> o;
        };
    }
}
