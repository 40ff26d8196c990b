package edgebox.health.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequirementTextTest {

    @Test
    void packageWithTheUsualRange() {
        assertEquals("missing package org.foo [1.0.0,2.0.0)", RequirementText.describe("osgi.wiring.package",
                "(&(osgi.wiring.package=org.foo)(version>=1.0.0)(!(version>=2.0.0)))"));
    }

    @Test
    void packageWithoutVersion() {
        assertEquals("missing package org.foo", RequirementText.describe("osgi.wiring.package",
                "(osgi.wiring.package=org.foo)"));
    }

    @Test
    void packageWithLowerBoundOnly() {
        assertEquals("missing package org.foo >= 1.2.0", RequirementText.describe("osgi.wiring.package",
                "(&(osgi.wiring.package=org.foo)(version>=1.2.0))"));
    }

    @Test
    void exclusiveLowerAndInclusiveUpper() {
        assertEquals("missing package org.foo (1.0.0,2.0.0]", RequirementText.describe("osgi.wiring.package",
                "(&(osgi.wiring.package=org.foo)(!(version<=1.0.0))(version<=2.0.0))"));
    }

    @Test
    void requiredBundle() {
        assertEquals("missing bundle org.bar [1.0.0,2.0.0)", RequirementText.describe("osgi.wiring.bundle",
                "(&(osgi.wiring.bundle=org.bar)(bundle-version>=1.0.0)(!(bundle-version>=2.0.0)))"));
    }

    @Test
    void otherNamespacesShowTheFilter() {
        assertEquals("missing osgi.ee (&(osgi.ee=JavaSE)(version=25))",
                RequirementText.describe("osgi.ee", "(&(osgi.ee=JavaSE)(version=25))"));
    }
}
