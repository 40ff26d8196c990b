package edgebox.launcher;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * {@code edgebox run [--home DIR]}: locks the home, starts Felix with the boot bundles, prints
 * {@code edgebox ready in N ms} once the {@code edgebox.ready} condition appears, and stops the framework on SIGTERM.
 */
public final class Main {

    static final long STOP_WAIT_MS = 5_000;

    private final PrintStream out;
    private final PrintStream err;
    private final long processStartNanos;
    /** The exit status {@link #main} asked for; the shutdown hook ends the process with it (SIGTERM leaves it 0). */
    private volatile int exitCode;

    Main(PrintStream out, PrintStream err, long processStartNanos) {
        this.out = out;
        this.err = err;
        this.processStartNanos = processStartNanos;
    }

    public static void main(String[] args) {
        Main main = new Main(System.out, System.err, ProcessStart.nanoTime());
        int code = main.run(Arrays.asList(args));
        main.exitCode = code;
        System.exit(code);
    }

    long sinceStart() {
        return (System.nanoTime() - processStartNanos) / 1_000_000;
    }

    int run(List<String> args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, System.getProperty(FrameworkProperties.HOME));
        } catch (Arguments.UsageException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path home = arguments.home();
        Path bootList = home.resolve("system").resolve("boot.list");
        if (!Files.isRegularFile(bootList)) {
            err.println("edgebox: home " + home + " is not an edgebox home: no system/boot.list");
            return 1;
        }
        HomeLock lock;
        try {
            lock = HomeLock.acquire(home, ProcessHandle.current().pid());
        } catch (HomeLock.InUseException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("edgebox: home " + home + ": cannot lock data/edgebox.lock: " + e.getMessage());
            return 1;
        }
        try {
            return boot(home, bootList, lock);
        } catch (Exception e) {
            err.println("edgebox: start failed: " + e.getMessage());
            return 1;
        }
    }

    private int boot(Path home, Path bootList, HomeLock lock) throws Exception {
        Map<String, String> props = properties(home);
        Path data = home.resolve("data");
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(Path.of(props.get(FrameworkProperties.NETTY_WORKDIR)));
        System.setProperty(FrameworkProperties.NETTY_WORKDIR, props.get(FrameworkProperties.NETTY_WORKDIR));

        List<BootList.Entry> entries = BootList.read(bootList);
        Path system = home.resolve("system");
        String stamp = CacheStamp.of(system, entries);
        Path cache = Path.of(props.get("org.osgi.framework.storage"));
        Path stampFile = data.resolve("boot.stamp");
        boolean clean = "always".equals(props.get(FrameworkProperties.CACHE_CLEAN))
                || CacheStamp.mustClean(cache, stampFile, stamp);
        if (clean) {
            props.put("org.osgi.framework.storage.clean", "onFirstInit");
            Files.deleteIfExists(stampFile);
        }
        trace(props, "properties read, cache " + (clean ? "cleaned" : "kept"));
        JdkWarmup.start();

        Boot boot = Boot.init(props, out, Boolean.parseBoolean(props.get("edgebox.trace")));
        Framework framework = boot.framework();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework, lock), "edgebox-stop"));
        ReadyWatch ready = new ReadyWatch(out, this::sinceStart);
        ready.open(framework.getBundleContext());
        Thread stopWatch = new Thread(() -> {
            try {
                framework.waitForStop(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ready.frameworkStopped();
        }, "edgebox-stop-watch");
        stopWatch.setDaemon(true);
        stopWatch.start();
        trace(props, "framework initialised");

        int threads = (int) FrameworkProperties.longValue(props, FrameworkProperties.START_THREADS);
        int failures = boot.start(system, entries, threads);
        CacheStamp.write(stampFile, stamp);
        trace(props, "boot bundles started, " + failures + " failed");

        long timeout = FrameworkProperties.longValue(props, FrameworkProperties.READY_TIMEOUT);
        if (!ready.await(timeout) && framework.getState() == Bundle.ACTIVE) {
            out.println("edgebox: not ready after " + timeout + " ms; " + boot.notReadyReport());
            out.flush();
        }
        FrameworkEvent stopped = framework.waitForStop(0);
        if (stopped.getType() == FrameworkEvent.ERROR) {
            err.println("edgebox: framework stopped with an error: " + stopped.getThrowable());
            return 1;
        }
        return 0;
    }

    private Map<String, String> properties(Path home) throws IOException {
        Console console = System.console();
        boolean interactive = console != null && console.isTerminal();
        Map<String, String> props = new LinkedHashMap<>(FrameworkProperties.defaults(home, interactive));
        props.put(FrameworkProperties.START_THREADS,
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        Path file = home.resolve("etc").resolve("edgebox.properties");
        if (Files.isRegularFile(file)) {
            props.putAll(FrameworkProperties.read(file));
            props.put(FrameworkProperties.HOME, home.toString());
            props.put(FrameworkProperties.INTERACTIVE, Boolean.toString(interactive));
        }
        return FrameworkProperties.substitute(file.toString(), props, System::getProperty);
    }

    private void trace(Map<String, String> props, String what) {
        if (Boolean.parseBoolean(props.get("edgebox.trace"))) {
            out.println("edgebox: trace " + sinceStart() + " ms: " + what);
        }
    }

    /** The shutdown hook: stop the framework, wait at most {@link #STOP_WAIT_MS}, release the home, exit 0. */
    private void stop(Framework framework, HomeLock lock) {
        long begin = System.nanoTime();
        int code = 0;
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_WAIT_MS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                err.println("edgebox: framework did not stop within " + STOP_WAIT_MS + " ms; exiting anyway");
            }
        } catch (Exception e) {
            err.println("edgebox: stop failed: " + e);
            code = 1;
        }
        try {
            lock.close();
        } catch (IOException e) {
            err.println("edgebox: releasing data/edgebox.lock: " + e.getMessage());
        }
        out.println("edgebox stopped in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(Math.max(code, exitCode));
    }
}
