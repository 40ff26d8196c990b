package edgebox.api.packet;

/**
 * What a port counted since it opened: frames received and handed over, frames the kernel dropped because the
 * port did not read fast enough, frames sent, frames whose send failed.
 */
public record PortStats(long received, long kernelDrops, long sent, long sendErrors) {
}
