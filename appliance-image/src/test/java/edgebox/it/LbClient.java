package edgebox.it;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * LbIT's client, run with {@code java} inside the client's network namespace; one command a line on standard input,
 * one answer line each:
 * <ul>
 * <li>{@code open}: a new keep-alive HTTP/1.1 connection to VIP:80 and its first GET: {@code conn N LOCALPORT NAME}
 * <li>{@code get N}: another GET on connection N: {@code name NAME}
 * <li>{@code udp TEXT}: one datagram to VIP:9 and its echo: {@code udp REPLY}
 * <li>{@code frame IFACE HEX}: a raw Ethernet frame out of IFACE: {@code sent BYTES}
 * </ul>
 * A failure answers {@code error WHAT}. Every wait is bounded (3 s).
 *
 * <p>Arguments: VIP.
 */
public final class LbClient {

    private static final int TIMEOUT_MILLIS = 3000;

    private final InetAddress vip;
    private final List<Socket> connections = new ArrayList<>();

    private LbClient(InetAddress vip) {
        this.vip = vip;
    }

    public static void main(String[] args) throws IOException {
        LbClient client = new LbClient(InetAddress.ofLiteral(args[0]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ", 3);
            try {
                System.out.println(switch (words[0]) {
                    case "open" -> client.open();
                    case "get" -> "name " + get(client.connections.get(Integer.parseInt(words[1])));
                    case "udp" -> "udp " + client.udp(words[1]);
                    case "frame" -> "sent " + PacketSender.send(words[1], HexFormat.of().parseHex(words[2]));
                    default -> "error unknown command: " + line;
                });
            } catch (IOException | RuntimeException e) {
                System.out.println("error " + e.toString().replace('\n', ' '));
            }
        }
        for (Socket s : client.connections) {
            s.close();
        }
    }

    private String open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(vip, LbBackendServer.HTTP_PORT), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        connections.add(socket);
        String name = get(socket);
        return "conn " + (connections.size() - 1) + " " + socket.getLocalPort() + " " + name;
    }

    /** One GET on a kept-alive connection; the body (the backend's name) without its line end. */
    private static String get(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + socket.getInetAddress().getHostAddress() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("status line \"" + status + "\"");
        }
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
            }
        }
        if (length < 0 || length > 4096) {
            throw new IOException("no usable Content-Length (" + length + ")");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8).strip();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b.size() > 8192) {
                throw new IOException("header line too long");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private String udp(String text) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(vip, LbBackendServer.UDP_PORT);
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length));
            byte[] reply = new byte[2048];
            DatagramPacket p = new DatagramPacket(reply, reply.length);
            socket.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }
}
