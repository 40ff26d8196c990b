package edgebox.policy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.policy.SeedPolicies;

/** The seed's allow-web and a CIDR group land as configurations the validator takes back; bad ones are refused. */
class PolicyManifestsTest {

    static final String FRONTEND = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumCIDRGroup
            metadata:
              name: frontend-clients
              labels: {app: frontend}
            spec:
              externalCIDRs: ["172.16.1.96/27"]
            """;

    final PolicyManifests handler = new PolicyManifests(() -> { });
    final PolicyValidator validator = new PolicyValidator();

    @Test
    void theSeedsAllowWebBecomesAConfigurationTheValidatorTakesBack() {
        ConfigurationSpec spec = translated(object(SeedPolicies.ALLOW_WEB, "default"));
        assertEquals("edgebox.policy.ciliumnetworkpolicy", spec.factoryPid());
        assertEquals("default.allow-web", spec.name());
        assertEquals(List.of(), validator.validate(spec.factoryPid(), spec.properties()));
    }

    @Test
    void aClusterScopedCidrGroupIsNamedByItsNameAlone() {
        ConfigurationSpec spec = translated(object(FRONTEND, "default"));
        assertEquals("edgebox.policy.ciliumcidrgroup", spec.factoryPid());
        assertEquals("frontend-clients", spec.name());
        assertEquals(List.of(), validator.validate(spec.factoryPid(), spec.properties()));
    }

    @Test
    void aPolicyTheEngineCannotReadIsRefusedNamingTheField() {
        ManifestTranslation t = handler.translate(object(SeedPolicies.ALLOW_WEB.replace("port: \"80\"", "port: \"http\""),
                "default"));
        assertTrue(t.refused());
        assertTrue(t.problems().toString().contains("spec.ingress[0].toPorts[0].ports[0].port"), t.problems()
                .toString());
    }

    @Test
    void theValidatorWatchesEveryKindsFactoryPid() {
        assertEquals(Set.of(PolicyKinds.CNP_PID, PolicyKinds.CCNP_PID, PolicyKinds.NETWORK_POLICY_PID,
                PolicyKinds.CIDR_GROUP_PID), Set.copyOf(PolicyKinds.PIDS.values()));
    }

    private ConfigurationSpec translated(ManifestObject object) {
        ManifestTranslation t = handler.translate(object);
        assertFalse(t.refused(), t.problems().toString());
        assertEquals(1, t.configurations().size());
        return t.configurations().get(0);
    }

    @SuppressWarnings("unchecked")
    private static ManifestObject object(String yaml, String namespace) {
        Map<String, Object> content = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(yaml);
        Map<String, Object> meta = (Map<String, Object>) content.get("metadata");
        return new ManifestObject(new ManifestKind((String) content.get("apiVersion"), (String) content.get("kind")),
                namespace, (String) meta.get("name"), content, "etc/manifests/test.yaml");
    }
}
