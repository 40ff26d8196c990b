package edgebox.dns;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import edgebox.dns.rewrite.RewriteRule;

/** One AdGuard-style rewrite per factory configuration of {@value #PID}. */
@Component(service = {}, configurationPid = RewriteComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RewriteComponent.Config.class, factory = true)
public class RewriteComponent {

    static final String PID = "edgebox.dns.rewrite";

    @ObjectClassDefinition(name = "edgebox DNS rewrite", description = "A DNS rewrite in AdGuard Home's syntax")
    public @interface Config {

        @AttributeDefinition(description = "The name rewritten: exact (host.example) or *.example for every name "
                + "below example")
        String domain();

        @AttributeDefinition(description = "An IPv4 or IPv6 address, a host name (answered as CNAME), or A / AAAA "
                + "to leave that type unrewritten")
        String answer();

        @AttributeDefinition(description = "Whether the rule is in force")
        boolean enabled() default true;

        @AttributeDefinition(description = "Client networks (CIDRs) the rule applies to; empty: every client",
                required = false)
        String[] clients() default {};
    }

    private final SourceStore store;
    private String pid;

    @Activate
    public RewriteComponent(@Reference SourceStore store, Config config, Map<String, Object> properties) {
        this.store = store;
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        pid = String.valueOf(properties.get("service.pid"));
        try {
            store.putRewrite(pid, parse(pid, config));
        } catch (IllegalArgumentException e) {
            store.refuse(pid, e.getMessage());
            throw e;
        }
    }

    static RewriteRule parse(String object, Config c) {
        return RewriteRule.parse(object, c.domain(), c.answer(), c.enabled(), Settings.list(c.clients()));
    }

    @Deactivate
    void deactivate() {
        store.remove(pid);
    }
}
