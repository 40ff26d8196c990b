package edgebox.system.upgrade;

import java.nio.file.Path;

/**
 * A bundle whose signature, slot format, size and payload hash were checked: its payload is
 * {@code manifest.payloadSize()} bytes of {@code bundle} from {@code payloadOffset}.
 */
public record VerifiedUpgrade(Path bundle, UpgradeManifest manifest, long payloadOffset) {
}
