package edgebox.dns.forward;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.Message;

/**
 * A DNS server on 127.0.0.1 for forwarder tests, UDP and TCP on one port, answering each query with the datagrams
 * (or TCP messages) a script returns: nothing (a silent upstream), a spoofed reply before the real one, a
 * truncated reply over UDP. Counts what it receives. Its loops end when it is closed, and are bounded anyway.
 */
final class ScriptedUpstream implements AutoCloseable {

    interface Script {
        List<Message> answer(Message query, boolean tcp) throws Exception;
    }

    private static final int MAX_MESSAGES = 1_000_000;

    final AtomicInteger udpQueries = new AtomicInteger();
    final AtomicInteger tcpConnections = new AtomicInteger();
    final AtomicInteger tcpQueries = new AtomicInteger();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile Script script;

    ScriptedUpstream(Script script) throws IOException {
        this.script = script;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int i = 0; i < 20 && t == null; i++) {
            u = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                t = new ServerSocket(u.getLocalPort(), 50, loopback);
            } catch (IOException taken) {
                u.close();
            }
        }
        if (t == null) {
            throw new IOException("no free port for UDP and TCP together after 20 tries");
        }
        udp = u;
        tcp = t;
        Thread.ofVirtual().name("scripted-udp").start(this::serveUdp);
        Thread.ofVirtual().name("scripted-tcp").start(this::acceptTcp);
    }

    void script(Script next) {
        script = next;
    }

    String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        for (int n = 0; n < MAX_MESSAGES && !udp.isClosed(); n++) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                for (Message reply : script.answer(query, false)) {
                    byte[] wire = reply.toWire();
                    udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (Exception e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void acceptTcp() {
        for (int n = 0; n < MAX_MESSAGES && !tcp.isClosed(); n++) {
            try {
                Socket socket = tcp.accept();
                tcpConnections.incrementAndGet();
                Thread.ofVirtual().name("scripted-tcp-conn").start(() -> serveTcp(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            for (int n = 0; n < MAX_MESSAGES; n++) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                tcpQueries.incrementAndGet();
                for (Message reply : script.answer(new Message(wire), true)) {
                    byte[] bytes = reply.toWire();
                    out.writeShort(bytes.length);
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (EOFException closed) {
            // the client closed the connection
        } catch (Exception e) {
            // a test that breaks the connection on purpose ends here
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
