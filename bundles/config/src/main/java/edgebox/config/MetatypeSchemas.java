package edgebox.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import edgebox.config.model.AttributeSpec;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;
import edgebox.config.model.ValueType;

/** {@link Schemas} from the MetaTypeService: the ObjectClassDefinition of a PID among all bundles' metatype. */
final class MetatypeSchemas implements Schemas {

    private final BundleContext context;
    private final MetaTypeService metatype;

    MetatypeSchemas(BundleContext context, MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    @Override
    public Optional<Schema> find(String pid, boolean factory) {
        for (Bundle bundle : context.getBundles()) {
            if ((bundle.getState() & (Bundle.UNINSTALLED | Bundle.INSTALLED)) != 0) {
                continue;
            }
            try {
                MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
                if (info == null) {
                    continue;
                }
                String[] pids = factory ? info.getFactoryPids() : info.getPids();
                if (pids != null && Arrays.asList(pids).contains(pid)) {
                    ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                    if (ocd != null) {
                        return Optional.of(schema(ocd));
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // a bundle going away, or a broken metatype: not this PID's
            }
        }
        return Optional.empty();
    }

    private static Schema schema(ObjectClassDefinition ocd) {
        List<AttributeSpec> specs = new ArrayList<>();
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                specs.add(new AttributeSpec(ad.getID(), type(ad.getType()), ad.getCardinality(), ad::validate));
            }
        }
        return Schema.of(ocd.getID(), specs);
    }

    @SuppressWarnings("deprecation")
    private static ValueType type(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> ValueType.LONG;
            case AttributeDefinition.INTEGER -> ValueType.INTEGER;
            case AttributeDefinition.SHORT -> ValueType.SHORT;
            case AttributeDefinition.CHARACTER -> ValueType.CHARACTER;
            case AttributeDefinition.BYTE -> ValueType.BYTE;
            case AttributeDefinition.DOUBLE -> ValueType.DOUBLE;
            case AttributeDefinition.FLOAT -> ValueType.FLOAT;
            case AttributeDefinition.BOOLEAN -> ValueType.BOOLEAN;
            case AttributeDefinition.PASSWORD -> ValueType.PASSWORD;
            default -> ValueType.STRING;
        };
    }
}
