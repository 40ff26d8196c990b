package edgebox.objects.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.objects.KubeObject;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSnapshot.GatewaySettings;
import edgebox.objects.derive.Snapshots;
import edgebox.objects.parse.Parser;

/** For tests of every function: manifests written as YAML to objects and to a snapshot, as the store makes it. */
public final class YamlObjects {

    private YamlObjects() {
    }

    /** Every document parsed; an AssertionError naming the document and its problems when one is refused. */
    public static List<KubeObject> parse(String yaml) {
        List<KubeObject> out = new ArrayList<>();
        int i = 0;
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Parser.Parsed p = Parser.parse((Map<String, Object>) doc);
            if (!p.ok()) {
                throw new AssertionError("document " + i + " refused: " + p.problems());
            }
            out.add(p.object());
            i++;
        }
        return out;
    }

    /** The snapshot of these manifests, version 1, Gateways of class {@code edgebox} on 127.0.0.1 by default. */
    public static ObjectSnapshot snapshot(String yaml) {
        return snapshot(parse(yaml));
    }

    public static ObjectSnapshot snapshot(List<KubeObject> objects) {
        return Snapshots.build(1, objects, GatewaySettings.DEFAULT, List.of(), Map.of()).snapshot();
    }
}
