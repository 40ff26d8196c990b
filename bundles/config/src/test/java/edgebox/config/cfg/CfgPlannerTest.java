package edgebox.config.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.config.model.Applied;
import edgebox.config.model.AttributeSpec;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.Plan;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;
import edgebox.config.model.Tags;
import edgebox.config.model.ValueType;

class CfgPlannerTest {

    private static final String SRC = "etc/edgebox.health.cfg";
    private final Schemas schemas = (pid, factory) -> pid.equals("edgebox.health") && !factory
            ? Optional.of(Schema.of(pid, List.of(AttributeSpec.of("port", ValueType.INTEGER)))) : Optional.empty();
    private final CfgPlanner planner = new CfgPlanner(schemas,
            (pid, props) -> props.get("port") instanceof Integer p && p < 1024
                    ? List.of(ConfigProblem.of("", "port", "must be 1024 or more")) : List.of());
    private final Map<ConfigKey, Applied> current = new HashMap<>();

    @Test
    void newFileIsPutTypedAndTagged() {
        Plan.Apply a = assertInstanceOf(Plan.Apply.class,
                planner.plan(SRC, "edgebox.health.cfg", "port=9090\n", current, s -> true));
        assertEquals(List.of(new Plan.Put(ConfigKey.pid("edgebox.health"), Map.of("port", 9090, Tags.SOURCE, SRC))),
                a.puts());
        assertEquals(Set.of(), a.unchecked());
    }

    @Test
    void unchangedContentWritesNothing() {
        ConfigKey key = ConfigKey.pid("edgebox.health");
        current.put(key, Applied.of(key, Map.of("port", 9090, Tags.SOURCE, SRC, "service.pid", "edgebox.health")));
        Plan.Apply a = assertInstanceOf(Plan.Apply.class,
                planner.plan(SRC, "edgebox.health.cfg", "port = 9090", current, s -> true));
        assertTrue(a.puts().isEmpty() && a.deletes().isEmpty());
    }

    @Test
    void badValueRefusesTheFileNamingFilePidAndField() {
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class,
                planner.plan(SRC, "edgebox.health.cfg", "port=http\n", current, s -> true));
        assertEquals("etc/edgebox.health.cfg: edgebox.health: port: not an integer: 'http'",
                r.problems().get(0).toString());
    }

    @Test
    void validatorRefusalIsFilledWithFileAndPid() {
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class,
                planner.plan(SRC, "edgebox.health.cfg", "port=80\n", current, s -> true));
        assertEquals("etc/edgebox.health.cfg: edgebox.health: port: must be 1024 or more",
                r.problems().get(0).toString());
    }

    @Test
    void withoutMetatypeAppliedAsStringsAndMarkedUnchecked() {
        Plan.Apply a = assertInstanceOf(Plan.Apply.class, planner.plan("etc/lb~a.cfg", "lb~a.cfg", "weight=3",
                current, s -> true));
        ConfigKey key = ConfigKey.factory("lb", "a");
        assertEquals(Map.of("weight", "3", Tags.SOURCE, "etc/lb~a.cfg"), a.puts().get(0).properties());
        assertEquals(Set.of(key), a.unchecked());
    }

    @Test
    void reservedPropertiesAndBadNamesAreRefused() {
        assertInstanceOf(Plan.Refuse.class,
                planner.plan(SRC, "edgebox.health.cfg", "edgebox.source=x", current, s -> true));
        Plan.Refuse r = assertInstanceOf(Plan.Refuse.class, planner.plan("etc/x~.cfg", "x~.cfg", "", current,
                s -> true));
        assertTrue(r.problems().get(0).reason().contains("FACTORY~name.cfg"));
    }

    @Test
    void aConfigurationFromAnotherLiveFileIsAConflict() {
        ConfigKey key = ConfigKey.pid("edgebox.health");
        current.put(key, Applied.of(key, Map.of(Tags.SOURCE, "etc/manifests/a.yaml", Tags.OBJECT, "X default/a")));
        assertInstanceOf(Plan.Refuse.class, planner.plan(SRC, "edgebox.health.cfg", "port=9090", current, s -> true));
        assertInstanceOf(Plan.Apply.class, planner.plan(SRC, "edgebox.health.cfg", "port=9090", current, s -> false));
    }
}
