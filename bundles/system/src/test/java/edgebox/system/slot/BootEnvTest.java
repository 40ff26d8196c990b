package edgebox.system.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The A/B variables: read, changed as the scheme changes them, and refused when outside it. */
class BootEnvTest {

    private static GrubEnv env(String lines) {
        return GrubEnv.parse(GrubEnvTest.block(1024, lines));
    }

    @Test
    void readsTheSchemesVariablesWithTheirDefaults() {
        assertEquals(new BootEnv(Optional.of(Slot.A), Optional.empty(), 0), BootEnv.of(env("edgebox_active=A\n")));
        assertEquals(new BootEnv(Optional.empty(), Optional.empty(), 0), BootEnv.of(env("")));
        BootEnv trial = BootEnv.of(env("edgebox_active=A\nedgebox_trial=B\nedgebox_trial_boots=0\n"));
        assertEquals(true, trial.isTrial(Slot.B));
        assertEquals(false, trial.isTrial(Slot.A));
    }

    @Test
    void writesTryingMarkingGoodAndCancelling() {
        GrubEnv before = env("edgebox_active=A\n");
        BootEnv boot = BootEnv.of(before);
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "B", "edgebox_trial_boots", "1"),
                boot.trying(Slot.B).writeTo(before).variables());
        assertEquals(Map.of("edgebox_active", "B", "edgebox_trial", "", "edgebox_trial_boots", "0"),
                boot.trying(Slot.B).markedGood(Slot.B).writeTo(before).variables());
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "", "edgebox_trial_boots", "0"),
                boot.trying(Slot.B).withoutTrial().writeTo(before).variables());
        assertEquals(Map.of("edgebox_trial", "A", "edgebox_trial_boots", "1"),
                BootEnv.of(env("")).trying(Slot.A).writeTo(env("")).variables());
    }

    @Test
    void refusesValuesOutsideTheScheme() {
        assertEquals("edgebox_active: \"a\" is not a slot (A or B)", assertThrows(IllegalArgumentException.class,
                () -> BootEnv.of(env("edgebox_active=a\n"))).getMessage());
        assertEquals("edgebox_trial_boots: \"2\" is neither 0 nor 1", assertThrows(IllegalArgumentException.class,
                () -> BootEnv.of(env("edgebox_trial_boots=2\n"))).getMessage());
    }
}
