package edgebox.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where edgebox.config looks; relative paths are resolved against the home (framework property edgebox.home). */
@ObjectClassDefinition(id = ConfigSettings.PID, name = "edgebox config",
        description = "The control plane: watches etc/*.cfg and the manifests, validates, applies to Config Admin,"
                + " keeps the history of what was applied")
public @interface ConfigSettings {

    String PID = "edgebox.config";

    @AttributeDefinition(description = "The folder of PID.cfg and FACTORY~name.cfg files")
    String etc() default "etc";

    @AttributeDefinition(description = "The folder of manifest files (*.yaml, *.yml, multi-document)")
    String manifests() default "etc/manifests";

    @AttributeDefinition(description = "The folder of the configuration history: revisions/ and the commit-confirm"
            + " in force")
    String history() default "data/config";

    @AttributeDefinition(min = "1", description = "How many revisions are kept (the oldest go first; the one a"
            + " commit-confirm returns to stays)")
    int revisions() default 200;
}
