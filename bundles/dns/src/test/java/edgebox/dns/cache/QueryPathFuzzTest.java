package edgebox.dns.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short coverage-guided run of {@link QueryPathFuzzer} with Jazzer's libFuzzer driver in a JVM of its own (the
 * JUnit integration fuzzes only with JAZZER_FUZZ in the environment): 20 seconds, dnsjava and edgebox instrumented.
 * A finding fails the test with Jazzer's report; bench/dns/fuzz.sh runs the same target for millions of inputs.
 */
class QueryPathFuzzTest {

    static final String SECONDS = System.getProperty("edgebox.fuzz.seconds", "20");

    @Test
    void noInputBreaksTheQueryPath(@TempDir Path dir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("jazzer.log");
        Process fuzz = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+EnableDynamicAgentLoading",
                "-XX:-OmitStackTraceInFastThrow", "-cp", classpath, "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + QueryPathFuzzer.class.getName(),
                "--instrumentation_includes=edgebox.dns.**" + File.pathSeparator + "org.xbill.DNS.**",
                "-max_total_time=" + SECONDS, "-rss_limit_mb=4096", "-print_final_stats=1"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = fuzz.waitFor(Long.parseLong(SECONDS) + 120, TimeUnit.SECONDS);
        if (!ended) {
            fuzz.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        String tail = output.substring(Math.max(0, output.length() - 4000));
        assertEquals(true, ended, "Jazzer did not end within its time plus 120 s:\n" + tail);
        assertEquals(0, fuzz.exitValue(), "Jazzer found an input that breaks the query path:\n" + tail);
    }
}
