package edgebox.features;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code edgebox.features}; relative paths are resolved against {@code edgebox.home}. */
@ObjectClassDefinition(name = "edgebox features",
        description = "Which features to have installed, and where their definitions and bundles lie")
public @interface FeaturesConfig {

    @AttributeDefinition(description = "Features installed at start, besides the ones installed from the console")
    String[] boot() default {"core"};

    @AttributeDefinition(description = "Maven-layout repository of the bundle jars the features name")
    String repository() default "system";

    @AttributeDefinition(description = "Folder of the feature definitions, NAME.json in the OSGi Feature format")
    String definitions() default "features";
}
