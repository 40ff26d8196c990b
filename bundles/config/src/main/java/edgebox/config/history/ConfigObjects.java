package edgebox.config.history;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import edgebox.api.config.FlatProperties;
import edgebox.api.config.ManifestObject;
import edgebox.config.cfg.CfgFile;
import edgebox.config.manifest.ManifestParser;
import edgebox.config.model.ConfigKey;
import edgebox.config.model.EtcFile;
import edgebox.config.model.Schema;
import edgebox.config.model.Schemas;

/**
 * The objects a set of configuration files defines, field by field, and which fields hold secrets: what a diff
 * compares. The configuration of a {@code .cfg} file is one object (named by its PID, {@code edgebox.health}), each
 * manifest object another ({@code HTTPRoute web/shop}, its fields flattened: {@code spec.hostnames.0}).
 */
final class ConfigObjects {

    /**
     * One object.
     *
     * @param source  the file it is defined in
     * @param fields  its fields' values as text, sorted by field
     * @param secrets the fields that hold a secret
     */
    record Item(String source, Map<String, String> fields, Set<String> secrets) {

        Item {
            fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
            secrets = Set.copyOf(secrets);
        }
    }

    private ConfigObjects() {
    }

    /** The objects of the files, by name; a file that cannot be read is an object of its own with its reason. */
    static Map<String, Item> of(Map<EtcFile, String> files, Schemas schemas) {
        Map<String, Item> out = new TreeMap<>();
        files.forEach((file, text) -> {
            if (file.manifest()) {
                manifest(file.path(), text, out);
            } else {
                cfg(file, text, schemas, out);
            }
        });
        return out;
    }

    private static void cfg(EtcFile file, String text, Schemas schemas, Map<String, Item> out) {
        ConfigKey key = CfgFile.keyOf(file.name());
        Map<String, String> fields;
        try {
            fields = CfgFile.parse(text);
        } catch (IllegalArgumentException e) {
            out.put(file.path(), unreadable(file.path(), e.getMessage()));
            return;
        }
        String name = key == null ? file.path() : key.toString();
        Schema schema = key == null ? null : schemas.find(key.schemaPid(), key.isFactory()).orElse(null);
        Set<String> secrets = new TreeSet<>();
        fields.forEach((field, value) -> {
            if (Schema.isSecret(schema, field) || privateKey(value)) {
                secrets.add(field);
            }
        });
        out.put(name, new Item(file.path(), fields, secrets));
    }

    private static void manifest(String source, String text, Map<String, Item> out) {
        ManifestParser.Parsed parsed = ManifestParser.parse(source, text);
        if (!parsed.problems().isEmpty()) {
            out.put(source, unreadable(source, parsed.problems().get(0).reason()));
            return;
        }
        for (ManifestObject object : parsed.objects()) {
            boolean secretKind = "Secret".equals(object.kind().kind());
            Map<String, Object> flat;
            try {
                flat = FlatProperties.flatten(object.content());
            } catch (IllegalArgumentException e) {
                out.put(object.displayName(), unreadable(source, e.getMessage()));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Set<String> secrets = new TreeSet<>();
            flat.forEach((field, value) -> {
                String v = String.valueOf(value);
                fields.put(field, v);
                if (secretKind && Schema.isSecretData(field) || privateKey(v)) {
                    secrets.add(field);
                }
            });
            out.put(object.displayName(), new Item(source, fields, secrets));
        }
    }

    private static Item unreadable(String source, String reason) {
        return new Item(source, Map.of("(file)", "unreadable: " + reason), Set.of());
    }

    /** A PEM private key written inline, whatever the field is called. */
    private static boolean privateKey(String value) {
        return value.contains("PRIVATE KEY-----");
    }
}
