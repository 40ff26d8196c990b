package edgebox.objects.manifest;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import edgebox.api.config.ManifestKind;
import edgebox.objects.parse.Parser;

/** The manifest kinds the object store owns, and the factory PID each becomes. */
public final class Kinds {

    /** The store's own settings: which Gateways are ours, where address-less ones bind. */
    public static final String SETTINGS_PID = "edgebox.objects";

    /** Every apiVersion and kind the parser reads. */
    public static final Set<ManifestKind> MANIFEST_KINDS = Parser.KINDS.stream().map(k -> k.split(" "))
            .map(k -> new ManifestKind(k[0], k[1])).collect(Collectors.toUnmodifiableSet());

    /** kind to factory PID: {@code edgebox.objects.httproute}. */
    public static final Map<String, String> PIDS = MANIFEST_KINDS.stream().map(ManifestKind::kind).distinct()
            .collect(Collectors.toUnmodifiableMap(k -> k, Kinds::pid));

    private Kinds() {
    }

    static String pid(String kind) {
        return SETTINGS_PID + "." + kind.toLowerCase(Locale.ROOT);
    }
}
