package edgebox.policy.console;

import static edgebox.policy.SeedPolicies.ALLOW_WEB;
import static edgebox.policy.engine.EngineFixture.FRONTEND_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.policy.PolicyView;
import edgebox.policy.engine.CompiledPolicies;
import edgebox.policy.engine.EngineFixture;
import edgebox.policy.engine.PolicyCounters;

/** policy:trace names the verdict, the deciding policy and rule and the identities; policy:list what is in force. */
class PolicyCommandsTest {

    final EngineFixture f = new EngineFixture();
    final PolicyCommands commands = new PolicyCommands(new PolicyView() {
        @Override
        public CompiledPolicies current() {
            return f.engine.current();
        }

        @Override
        public PolicyCounters counters() {
            return f.engine.counters();
        }

        @Override
        public ObjectSnapshot snapshot() {
            return f.engine.snapshot();
        }

        @Override
        public boolean ready() {
            return true;
        }
    });

    @Test
    void traceToAServiceGoesToItsBackendAndNamesTheDecidingRule() {
        f.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        String allowed = commands.trace("--src", "172.16.1.100", "--dst", "default/web", "--port", "80/TCP");
        System.out.println(allowed);
        assertTrue(allowed.startsWith("backend:     10.0.1.11:80 of Service default/web\nverdict:     ALLOW\n"),
                allowed);
        assertTrue(allowed.contains("allowed by CiliumNetworkPolicy default/allow-web spec.ingress[0]"), allowed);
        assertTrue(allowed.contains("(CiliumCIDRGroup frontend)"), allowed);
        String denied = commands.trace("--src", "172.16.1.20", "--dst", "10.0.1.11", "--port", "80", "--http", "get",
                "/");
        System.out.println(denied);
        assertTrue(denied.startsWith("verdict:     DENY\n"), denied);
        assertTrue(denied.contains("default deny: no rule allows it, and CiliumNetworkPolicy default/allow-web deny "
                + "by default"), denied);
    }

    @Test
    void wrongArgumentsAreRefusedWithWhatWasExpected() {
        assertEquals("--port: a port is 1-65535, got 0", assertThrows(IllegalArgumentException.class,
                () -> commands.trace("--src", "10.0.0.1", "--dst", "10.0.1.11", "--port", "0")).getMessage());
        assertEquals("--src: not an IP address: frontend", assertThrows(IllegalArgumentException.class,
                () -> commands.trace("--src", "frontend", "--dst", "10.0.1.11", "--port", "80")).getMessage());
        assertEquals("--dst: no Service default/nope", assertThrows(IllegalArgumentException.class,
                () -> commands.trace("--src", "10.0.0.1", "--dst", "default/nope", "--port", "80")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.trace("--src", "10.0.0.1"))
                .getMessage().startsWith("--src, --dst and --port are needed; usage: policy:trace"));
    }

    @Test
    void listShowsWhatEachPolicySelectsAndDecided() {
        f.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        f.decisions().connection("proxy", EngineFixture.OTHER_CLIENT, EngineFixture.WEB, 6, 80);
        String list = commands.list();
        System.out.println(list);
        assertTrue(list.matches("(?s).*CiliumNetworkPolicy default/allow-web +enforce +1 +0 +1 +0  10\\.0\\.1\\.11 "
                + "\\(app=web,.*"), list);
        assertTrue(list.contains("frontend                       app=frontend                   172.16.1.96/27"),
                list);
    }
}
