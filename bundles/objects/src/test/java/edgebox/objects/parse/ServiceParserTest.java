package edgebox.objects.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.Service;

/** A Service's selector: the labels of the pods behind it, which the policy engine gives its backends. */
class ServiceParserTest {

    @Test
    void theSelectorIsKeptAndAServiceWithoutOneHasAnEmptySelector() {
        Parser.Parsed withSelector = Parser.parse(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "web", "namespace", "apps"),
                "spec", Map.of("selector", Map.of("app", "web", "tier", "front"),
                        "ports", List.of(Map.of("port", 80)))));
        assertTrue(withSelector.ok(), withSelector.problems().toString());
        assertEquals(Map.of("app", "web", "tier", "front"), ((Service) withSelector.object()).selector());

        Parser.Parsed without = Parser.parse(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "db", "namespace", "apps"),
                "spec", Map.of("ports", List.of(Map.of("port", 5432)))));
        assertEquals(Map.of(), ((Service) without.object()).selector());
    }

    @Test
    void aSelectorThatIsNotAnObjectIsRefusedNamingTheField() {
        Parser.Parsed bad = Parser.parse(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "web", "namespace", "apps"),
                "spec", Map.of("selector", "app=web", "ports", List.of(Map.of("port", 80)))));
        assertTrue(!bad.ok() && bad.problems().toString().contains("spec.selector"), bad.problems().toString());
    }
}
