package edgebox.health.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import edgebox.api.health.Conditions;
import edgebox.api.health.Health;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void tableOfFunctionsBundlesComponentsAndVerdict() {
        ReadinessInputs in = new ReadinessInputs(true,
                List.of(new BundleStatus(9, "edgebox.dns", "0.1.0", BundleStatus.State.INSTALLED, false,
                        List.of("missing package org.xbill.DNS"), null)),
                List.of(new ComponentStatus("edgebox.proxy.ProxyComponent", "edgebox.proxy", 3,
                        ComponentStatus.State.UNSATISFIED_REFERENCE, "missing transport (edgebox.api.net.Transport)")),
                Set.of(Conditions.CONFIG_LOADED),
                List.of(new FunctionStatus("config", "edgebox.config", Health.up("3 files")),
                        new FunctionStatus("net", "edgebox.net", Health.down("stopped", "shut down"))));
        String text = StatusText.format(new Readiness(List.of(Conditions.CONFIG_LOADED, Conditions.FEATURES_BOOTED))
                .evaluate(in));
        assertEquals("""
                functions (2)
                FUNCTION  STATE  DETAIL   LAST ERROR
                config    UP     3 files  -
                net       DOWN   stopped  shut down

                bundles not active (1)
                ID  BUNDLE             STATE      REASON
                9   edgebox.dns 0.1.0  INSTALLED  missing package org.xbill.DNS

                components not active (1)
                COMPONENT                     BUNDLE         STATE                  REASON
                edgebox.proxy.ProxyComponent  edgebox.proxy  UNSATISFIED_REFERENCE  missing transport (edgebox.api.net.Transport)

                condition edgebox.features.booted not registered
                ready: no
                """, text);
    }
}
