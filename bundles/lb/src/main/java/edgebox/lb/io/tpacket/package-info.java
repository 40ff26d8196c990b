/**
 * A {@link edgebox.api.packet.PacketPath} on Linux AF_PACKET sockets with TPACKET_V3 rings mapped into the process,
 * reached through java.lang.foreign: frames are read in place from the receive ring and copied into the transmit
 * ring, with libpcap compiling the filters the kernel runs.
 */
package edgebox.lb.io.tpacket;
