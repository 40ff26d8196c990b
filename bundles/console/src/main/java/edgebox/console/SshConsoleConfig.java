package edgebox.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The SSH console (PID {@code edgebox.console.ssh}). Relative paths are resolved against {@code edgebox.home}. */
@ObjectClassDefinition(id = SshConsoleConfig.PID, name = "edgebox SSH console",
        description = "Gogo sessions over SSH, public-key login only")
public @interface SshConsoleConfig {

    String PID = "edgebox.console.ssh";

    @AttributeDefinition(name = "Address", description = "Address the SSH server binds")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "TCP port of the SSH server (0 picks a free one)", min = "0", max = "65535")
    int port() default 8101;

    @AttributeDefinition(name = "Authorized keys",
            description = "OpenSSH authorized_keys file: the only keys that may log in; re-read when it changes")
    String authorizedKeys() default "etc/authorized_keys";

    @AttributeDefinition(name = "Host key", description = "The server's host key; generated (ed25519, mode 0600) when missing")
    String hostKey() default "data/ssh/host_key";
}
