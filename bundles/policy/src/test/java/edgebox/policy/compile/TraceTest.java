package edgebox.policy.compile;

import static edgebox.policy.SeedPolicies.ALLOW_WEB;
import static edgebox.policy.compile.Fixture.API;
import static edgebox.policy.compile.Fixture.FRONTEND_GROUP;
import static edgebox.policy.compile.Fixture.WEB;
import static edgebox.policy.compile.Fixture.address;
import static edgebox.policy.compile.Fixture.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import edgebox.policy.identity.Identity;

class TraceTest {

    final PolicyTable table = compile(ALLOW_WEB + "---\n" + FRONTEND_GROUP + "---\n" + PolicyTableTest.L7
            .replace("app: web}", "app: api}").replace("\"80\"", "\"8080\""));

    @Test
    void anAllowNamesThePolicyTheRuleAndBothIdentities() {
        assertEquals("""
                verdict:     ALLOW
                source:      172.16.1.100 -> 16777216 [k8s:app=frontend] (CiliumCIDRGroup frontend)
                destination: %s
                port:        80/TCP
                selected by: CiliumNetworkPolicy default/allow-web
                why:         allowed by CiliumNetworkPolicy default/allow-web spec.ingress[0]
                """.formatted(WEB), table.trace(address("172.16.1.100"), WEB, 6, 80, null, null).text());
    }

    @Test
    void aDefaultDenyNamesThePoliciesThatSelect() {
        assertEquals("""
                verdict:     DENY
                source:      172.16.1.20 -> 2 [reserved:world]
                destination: %s
                port:        80/TCP
                selected by: CiliumNetworkPolicy default/allow-web
                why:         default deny: no rule allows it, and CiliumNetworkPolicy default/allow-web deny by default
                """.formatted(WEB), table.trace(address("172.16.1.20"), WEB, 6, 80, null, null).text());
    }

    @Test
    void anUnselectedDestinationAndAnL7Refusal() {
        assertEquals("why:         no policy selects the destination for ingress: everything is allowed",
                table.trace(address("172.16.1.20"), Identity.WORLD, 17, 53, null, null).text().lines().toList()
                        .get(5));
        String l7 = table.trace(address("172.16.1.100"), API, 6, 8080, "DELETE", "/public/x").text();
        assertEquals("port:        8080/TCP DELETE /public/x", l7.lines().toList().get(3));
        assertEquals("why:         no rules.http of CiliumNetworkPolicy default/web-l7"
                + " spec.ingress[0].toPorts[0] match the request", l7.lines().toList().get(5));
    }
}
