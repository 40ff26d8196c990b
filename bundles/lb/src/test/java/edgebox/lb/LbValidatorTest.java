package edgebox.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;

/** The validator refuses what the component would refuse, each problem naming the field apart from the reason. */
class LbValidatorTest {

    private final LbValidator validator = new LbValidator();

    @Test
    void aGoodConfigurationHasNoProblem() {
        assertEquals(List.of(), validator.validate(LbRunSettings.PID, Map.of("interfaces", new String[] {"eth0"},
                "tableSize", 131071, "router4", "10.0.0.1", "healthInterval", "1s", "healthTimeout", "500ms")));
    }

    @Test
    void aBadTableSizeIsAProblemOfThatField() {
        assertEquals(List.of(ConfigProblem.of("edgebox.lb", "tableSize",
                        "must be one of 16381, 65537, 131071, was 1000")),
                validator.validate(LbRunSettings.PID, Map.of("tableSize", 1000)));
    }

    @Test
    void eachFieldIsNamedApartFromTheReason() {
        assertEquals(List.of(ConfigProblem.of("edgebox.lb", "router6", "10.0.0.1 is not an IPv6 address")),
                validator.validate(LbRunSettings.PID, Map.of("router6", "10.0.0.1")));
        assertEquals(List.of(ConfigProblem.of("edgebox.lb", "unhealthyThreshold", "must be from 1 to 100")),
                validator.validate(LbRunSettings.PID, Map.of("unhealthyThreshold", 0)));
        assertEquals(List.of(ConfigProblem.of("edgebox.lb", "connectionTableSize", "must be 1..16777216, was -1")),
                validator.validate(LbRunSettings.PID, Map.of("connectionTableSize", -1)));
        assertEquals(List.of(ConfigProblem.of("edgebox.lb", "healthTimeout",
                        "the timeout 2s must be shorter than the interval 1s")),
                validator.validate(LbRunSettings.PID, Map.of("healthInterval", "1s")));
    }
}
