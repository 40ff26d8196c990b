package edgebox.config.apply;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches folders (not recursively) with the platform's WatchService (inotify on Linux) and reports the paths that
 * changed, after a short quiet time so that one editor save is one report. A folder that does not exist yet is
 * looked for once a second; when it appears, or when events were lost, {@code rescan} is called instead.
 * One thread, {@code edgebox-config-watch}; {@link #close()} stops it within a bounded time.
 */
public final class EtcWatcher implements AutoCloseable {

    static final long DEBOUNCE_MS = 50;
    static final long MAX_BATCH_MS = 1000;
    static final int MAX_BATCH = 10_000;

    private final List<Path> dirs;
    private final Consumer<Set<Path>> changed;
    private final Runnable rescan;
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new LinkedHashMap<>();
    private final Thread thread;

    public EtcWatcher(List<Path> dirs, Consumer<Set<Path>> changed, Runnable rescan) throws IOException {
        this.dirs = List.copyOf(new LinkedHashSet<>(dirs));
        this.changed = changed;
        this.rescan = rescan;
        this.service = FileSystems.getDefault().newWatchService();
        registerMissing();
        this.thread = new Thread(this::run, "edgebox-config-watch");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private boolean registerMissing() {
        boolean added = false;
        for (Path dir : dirs) {
            if (!keys.containsValue(dir) && Files.isDirectory(dir)) {
                try {
                    keys.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                    added = true;
                } catch (IOException e) {
                    // looked for again on the next round
                }
            }
        }
        return added;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey first = keys.size() < dirs.size() ? service.poll(1, TimeUnit.SECONDS) : service.take();
                Set<Path> paths = new LinkedHashSet<>();
                boolean lost = false;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_BATCH_MS);
                for (WatchKey key = first; key != null && paths.size() < MAX_BATCH && System.nanoTime() < deadline;
                        key = service.poll(DEBOUNCE_MS, TimeUnit.MILLISECONDS)) {
                    lost |= drain(key, paths);
                }
                if (registerMissing() || lost) {
                    rescan.run();
                } else if (!paths.isEmpty()) {
                    changed.accept(paths);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Collects a key's events; true when events were lost or its folder went away. */
    private boolean drain(WatchKey key, Set<Path> paths) {
        Path dir = keys.get(key);
        boolean lost = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                lost = true;
            } else if (dir != null && event.context() instanceof Path name) {
                paths.add(dir.resolve(name));
            }
        }
        if (!key.reset()) {
            keys.remove(key);
            lost = true;
        }
        return lost;
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
