package edgebox.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny UDP resolver on one loopback address for a test: it answers every A question with its own address (TTL 60)
 * and every other type with NODATA, so a test sees from the answer which upstream the box asked. It remembers the
 * names it was asked.
 */
final class OneAddressUpstream implements AutoCloseable {

    final InetSocketAddress address;
    private final InetAddress answer;
    private final DatagramSocket socket;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private OneAddressUpstream(DatagramSocket socket, InetAddress answer) {
        this.socket = socket;
        this.address = (InetSocketAddress) socket.getLocalSocketAddress();
        this.answer = answer;
    }

    /** Listens on {@code host} (a loopback address) at a free port, answering A questions with {@code answer}. */
    static OneAddressUpstream start(String host, String answer) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0));
        OneAddressUpstream upstream = new OneAddressUpstream(socket, InetAddress.getByName(answer));
        Thread serving = new Thread(upstream::serve, "upstream-" + host);
        serving.setDaemon(true);
        serving.start();
        return upstream;
    }

    /** {@code HOST:PORT}, as AdGuard Home writes a plain DNS upstream. */
    String hostPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(buf, packet.getLength()));
                if (query.getQuestion() != null) {
                    byte[] reply = reply(query);
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException malformed) {
                // not a DNS query: nothing to answer
            }
        }
    }

    private byte[] reply(Message query) {
        Record question = query.getQuestion();
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        reply.getHeader().setRcode(Rcode.NOERROR);
        reply.addRecord(question, Section.QUESTION);
        asked.add(question.getName().toString(true).toLowerCase(Locale.ROOT));
        if (question.getType() == Type.A) {
            reply.addRecord(new ARecord(question.getName(), DClass.IN, 60, answer), Section.ANSWER);
        }
        return reply.toWire(512);
    }

    @Override
    public void close() {
        socket.close();
    }
}
