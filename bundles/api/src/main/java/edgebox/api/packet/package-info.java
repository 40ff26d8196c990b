/**
 * Raw Ethernet frames in and out of a network interface, for data paths that work below the kernel's IP stack (the
 * DSR load balancer). A {@link edgebox.api.packet.PacketPath} opens {@link edgebox.api.packet.PacketPort}s; a port
 * hands received frames to a {@link edgebox.api.packet.FrameHandler} in place, in batches, and sends frames queued
 * with {@link edgebox.api.packet.PacketPort#send} in batches.
 */
@Export
@Version("1.0.0")
package edgebox.api.packet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
