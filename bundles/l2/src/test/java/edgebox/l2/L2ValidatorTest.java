package edgebox.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ManifestKind;

class L2ValidatorTest {

    final L2Validator validator = new L2Validator();

    String field(Map<String, Object> properties) {
        List<ConfigProblem> problems = validator.validate("edgebox.l2", properties);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0).field();
    }

    @Test
    void theSettingsAreCheckedThroughTheirConfigurationType() {
        assertEquals(List.of(), validator.validate("edgebox.l2", Map.of()), "the defaults are good");
        assertEquals(List.of(), validator.validate("edgebox.l2", Map.of("interfaces", "eth0|enp.*", "garpCount", 5,
                "garpForm", "Reply", "hostIntegration", false)));
        assertEquals("garpForm", field(Map.of("garpForm", "loud")));
        assertEquals("interfaces", field(Map.of("interfaces", "eth[")));
        assertEquals("garpCount", field(Map.of("garpCount", 0)));
        assertEquals("garpRefreshSeconds", field(Map.of("garpRefreshSeconds", "a day")));
    }

    @Test
    void theFactoryConfigurationsAreCheckedByTheirReaders() {
        assertEquals("vrid", validator.validate("edgebox.l2.vrrp", Map.of("interface", "eth0", "vrid", "0",
                "addresses", "10.0.0.1")).get(0).field());
        assertEquals("address", validator.validate("edgebox.l2.vip", Map.of("address", "vip.example")).get(0)
                .field());
    }

    @Test
    void onlyTheAnnouncementPolicyIsAnL2ManifestKind() {
        assertEquals(Set.of(new ManifestKind("cilium.io/v2alpha1", "CiliumL2AnnouncementPolicy")),
                new CiliumManifests().kinds(), "the LB-IPAM pools belong to the objects bundle");
    }
}
