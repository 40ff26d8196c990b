/**
 * A {@link edgebox.api.packet.PacketPath} on libpcap through pcap4j: pcap4j opens, filters and closes the capture
 * handle; the receive and send loop calls libpcap directly so that a frame costs no Java allocation.
 */
package edgebox.lb.io.pcap;
