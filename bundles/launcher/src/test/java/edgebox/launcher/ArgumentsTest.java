package edgebox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void runWithoutHomeTakesTheDefault() {
        Arguments a = Arguments.parse(List.of("run"), "/opt/edgebox");
        assertEquals("run", a.command());
        assertEquals(Path.of("/opt/edgebox"), a.home());
    }

    @Test
    void homeOptionWinsOverTheDefault() {
        assertEquals(Path.of("/srv/box"), Arguments.parse(List.of("run", "--home", "/srv/box"), "/opt/edgebox").home());
        assertEquals(Path.of("/srv/box"), Arguments.parse(List.of("run", "--home=/srv/box/"), null).home());
    }

    @Test
    void relativeHomeBecomesAbsolute() {
        assertTrue(Arguments.parse(List.of("run", "--home", "box/../box2"), null).home().isAbsolute());
        assertEquals(Path.of("box2").toAbsolutePath(), Arguments.parse(List.of("run", "--home", "box/../box2"), null).home());
    }

    @Test
    void badCommandLinesSayWhatIsWrongAndHowToCall() {
        assertMessage("no command given", List.of());
        assertMessage("unknown command 'start'", List.of("start"));
        assertMessage("option --home needs a folder", List.of("run", "--home"));
        assertMessage("unknown option '--verbose'", List.of("run", "--verbose"));
        assertMessage("no home", List.of("run"));
    }

    private static void assertMessage(String reason, List<String> args) {
        Arguments.UsageException e = assertThrows(Arguments.UsageException.class, () -> Arguments.parse(args, null));
        assertTrue(e.getMessage().startsWith("edgebox: " + reason), e.getMessage());
        assertTrue(e.getMessage().endsWith(Arguments.USAGE), e.getMessage());
    }
}
