package edgebox.dns;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import edgebox.api.config.TypedConfig;
import edgebox.api.config.ConfigProblem;
import edgebox.api.config.ConfigValidator;
import edgebox.dns.block.BlockMode;
import edgebox.dns.forward.ForwardSettings;

/**
 * Checks the DNS configurations before they reach Config Admin, with the same parsers the components use, so a
 * bad zone, rewrite, blocklist, forwarder or server setting is refused whole with its reason.
 */
@Component(property = {ConfigValidator.PIDS + "=" + Settings.PID, ConfigValidator.PIDS + "=" + ZoneComponent.PID,
        ConfigValidator.PIDS + "=" + RewriteComponent.PID, ConfigValidator.PIDS + "=" + BlocklistComponent.PID,
        ConfigValidator.PIDS + "=" + ForwardComponent.PID})
public class DnsValidator implements ConfigValidator {

    private final String home;

    @Activate
    public DnsValidator(BundleContext context) {
        this.home = context.getProperty("edgebox.home");
    }

    DnsValidator(String home) {
        this.home = home;
    }

    @Override
    public List<ConfigProblem> validate(String pid, Map<String, Object> properties) {
        try {
            switch (pid) {
                case Settings.PID -> Settings.from(TypedConfig.of(DnsConfig.class, properties), List.of());
                case ZoneComponent.PID -> ZoneComponent.parse(pid, TypedConfig.of(ZoneComponent.Config.class, properties),
                        home);
                case RewriteComponent.PID -> RewriteComponent.parse(pid,
                        TypedConfig.of(RewriteComponent.Config.class, properties));
                case BlocklistComponent.PID -> blocklist(TypedConfig.of(BlocklistComponent.Config.class, properties));
                case ForwardComponent.PID -> ForwardSettings.from(properties);
                default -> {
                    return List.of();
                }
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(ConfigProblem.of(pid, "", strip(pid, e.getMessage())));
        }
    }

    private void blocklist(BlocklistComponent.Config c) {
        BlockMode.parse(BlocklistComponent.PID, c.mode());
        if (c.file() == null || c.file().isBlank()) {
            throw new IllegalArgumentException("file: missing");
        }
        if (!Files.isReadable(Home.resolve(home, c.file()))) {
            throw new IllegalArgumentException("file: " + Home.resolve(home, c.file()) + ": not a readable file");
        }
    }

    private static String strip(String pid, String message) {
        return message != null && message.startsWith(pid + ": ") ? message.substring(pid.length() + 2)
                : String.valueOf(message);
    }
}
