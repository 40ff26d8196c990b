package edgebox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One of the test's own Java programs (a {@code main} among the test classes) run with this JDK's {@code java}
 * inside a network namespace, driven one line at a time: {@link #ask} writes a command line and waits (bounded) for
 * the program's answer line. Its output also goes to {@code it-logs/NAME.log}.
 */
final class NsProgram implements AutoCloseable {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String CLASSES = System.getProperty("edgebox.testClasses", "target/test-classes");

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final String name;

    private NsProgram(Process process, String name) {
        this.process = process;
        this.commands = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        this.name = name;
    }

    /**
     * Starts {@code main} of {@code program} in {@code ns} with {@code args} and waits (20 s) for its first line,
     * which must start with {@code ready}.
     */
    static NsProgram start(String ns, String name, Class<?> program, String... args) throws Exception {
        Files.createDirectories(Box.LOGS);
        // the JDK's HTTP server closes an idle kept-alive connection after 30 s; the tests hold some for longer
        List<String> command = new ArrayList<>(List.of(Netns.in(ns, JAVA, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-Dsun.net.httpserver.idleInterval=600", "--enable-native-access=ALL-UNNAMED", "-cp", CLASSES,
                program.getName())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        NsProgram started = new NsProgram(p, name);
        Thread reader = new Thread(started::collect, "ns-program-" + name);
        reader.setDaemon(true);
        reader.start();
        String first = started.answer(Duration.ofSeconds(20));
        if (!first.startsWith("ready")) {
            started.close();
            throw new AssertionError(name + " did not start: " + first + "\n" + started.output());
        }
        return started;
    }

    private void collect() {
        try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8);
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(Box.LOGS.resolve(name + ".log"),
                     StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                synchronized (all) {
                    all.add(line);
                }
                if (!line.startsWith("WARNING:")) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            answers.add("error " + name + " ended");
        }
    }

    /** Sends one command line and returns the answer line. */
    String ask(String command, Duration within) throws InterruptedException {
        answers.clear();
        commands.println(command);
        return answer(within);
    }

    private String answer(Duration within) throws InterruptedException {
        String line = answers.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError(name + ": no answer within " + within + "; output:\n" + output());
        }
        return line;
    }

    String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
