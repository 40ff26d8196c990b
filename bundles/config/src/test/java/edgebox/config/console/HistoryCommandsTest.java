package edgebox.config.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.config.apply.Refused;
import edgebox.config.history.ConfigDiff;
import edgebox.config.history.HistoryControl;
import edgebox.config.history.Probation;
import edgebox.config.history.RevisionInfo;

class HistoryCommandsTest {

    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void historyIsATableNewestFirstWithTheProbationInForce() {
        String out = HistoryCommands.formatHistory(new HistoryControl.Listing(List.of(
                new RevisionInfo(42, T.plusSeconds(65), "rollback to 40 by operator (ssh from 127.0.0.1, session 3)",
                        "edgebox.health port: 9091 → 9090"),
                new RevisionInfo(41, T, "file etc/edgebox.health.cfg", "edgebox.health port: 9090 → 9091")), 42,
                new Probation(40, T.plusSeconds(300), Duration.ofMinutes(5), "operator")), ZoneOffset.UTC);
        assertEquals("""
                REVISION  TIME                 WHO                                                         SUMMARY
                      42  2026-05-01 10:01:05  rollback to 40 by operator (ssh from 127.0.0.1, session 3)  \
                edgebox.health port: 9091 → 9090
                      41  2026-05-01 10:00:00  file etc/edgebox.health.cfg                                 \
                edgebox.health port: 9090 → 9091
                2 shown, 42 kept
                on probation: the configuration goes back to revision 40 at 2026-05-01 10:05:00 unless \
                config:confirm follows""", out);
    }

    @Test
    void diffIsUnifiedStyleAndShowsNoSecret() {
        ConfigDiff diff = new ConfigDiff(List.of(
                new ConfigDiff.Change("HTTPRoute web/new", null, "etc/manifests/web.yaml",
                        List.of(new ConfigDiff.Field("spec.host", null, "new.example", false))),
                new ConfigDiff.Change("Secret web/tls", "etc/manifests/tls.yaml", null,
                        List.of(new ConfigDiff.Field("data[tls.key]", ConfigDiff.SECRET, null, true))),
                new ConfigDiff.Change("edgebox.health", "etc/edgebox.health.cfg", "etc/edgebox.health.cfg", List.of(
                        new ConfigDiff.Field("admin", ConfigDiff.SECRET, ConfigDiff.SECRET, true),
                        new ConfigDiff.Field("port", "9090", "9091", false))),
                new ConfigDiff.Change("HTTPRoute web/shop", "etc/manifests/a.yaml", "etc/manifests/b.yaml",
                        List.of())), List.of("etc/edgebox.dns.cfg"));
        String out = HistoryCommands.formatDiff(new HistoryControl.Compared(
                new RevisionInfo(40, T, "first start", ""), new RevisionInfo(42, T.plusSeconds(60), "operator", ""),
                diff), ZoneOffset.UTC);
        assertEquals("""
                --- revision 40  2026-05-01 10:00:00  first start
                +++ revision 42  2026-05-01 10:01:00  operator
                + HTTPRoute web/new  (etc/manifests/web.yaml)
                    spec.host: new.example
                - Secret web/tls  (etc/manifests/tls.yaml)
                    data[tls.key]: <secret>
                ~ edgebox.health  (etc/edgebox.health.cfg)
                    admin: <secret changed>
                    port: 9090 → 9091
                ~ HTTPRoute web/shop  (etc/manifests/b.yaml) moved from etc/manifests/a.yaml
                  etc/edgebox.dns.cfg: text only (comments, order or spacing)
                4 objects differ""", out);
    }

    @Test
    void commandsPassTheUserAndPrintRefusals() throws Exception {
        HistoryControl refusing = new Refusing();
        HistoryCommands commands = new HistoryCommands(refusing);
        assertEquals("refused, nothing changed:\n  revision 9: no such revision: kept are 1 to 3", commands.diff(9));
        assertEquals("refused, nothing changed:\n  revision 9: no such revision: kept are 1 to 3",
                commands.rollback(null, 9));
        assertEquals("confirmed by console", commands.confirm(null));
        CommitConfirmCommand commitConfirm = new CommitConfirmCommand(refusing);
        assertEquals("armed for PT30S by console", commitConfirm.execute(null, List.of("0.5")));
        assertEquals(CommitConfirmCommand.USAGE, commitConfirm.execute(null, List.of()));
        assertEquals(CommitConfirmCommand.USAGE, commitConfirm.execute(null, List.of("soon")));
    }

    @Test
    void minutesMayBeAFraction() {
        assertEquals(Duration.ofMinutes(5), CommitConfirmCommand.minutes("5"));
        assertEquals(Duration.ofSeconds(6), CommitConfirmCommand.minutes("0.1"));
        assertEquals(Duration.ofDays(1), CommitConfirmCommand.minutes("1440"));
        for (String bad : new String[] {"0", "-1", "1441", "five", "", "0.000001"}) {
            assertNull(CommitConfirmCommand.minutes(bad), bad);
        }
    }

    /** Refuses every revision and echoes every other call. */
    private static final class Refusing implements HistoryControl {

        private static Refused unknown(int n) {
            return new Refused("", "revision " + n, "no such revision: kept are 1 to 3");
        }

        @Override
        public Listing history(int count) {
            return new Listing(List.of(), 0, null);
        }

        @Override
        public Compared diff(int from, int to) throws Refused {
            throw unknown(from);
        }

        @Override
        public Compared diff(int number) throws Refused {
            throw unknown(number);
        }

        @Override
        public String rollback(int number, String user) throws Refused {
            throw unknown(number);
        }

        @Override
        public String commitConfirm(Duration length, String user) {
            return "armed for " + length + " by " + user;
        }

        @Override
        public String confirm(String user) {
            return "confirmed by " + user;
        }

        @Override
        public String exportTo(String file, String user) {
            return "exported";
        }

        @Override
        public String importFrom(String file, String user) {
            return "imported";
        }
    }
}
