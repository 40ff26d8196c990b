package edgebox.it;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A WebSocket echo backend on 127.0.0.1 (RFC 6455: the opening handshake, then every text frame sent back prefixed
 * with {@code echo: }), a thread per connection, for at most a few connections in a test.
 */
final class WsEchoBackend implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final int port;
    private final ServerSocket server;

    private WsEchoBackend(ServerSocket server) {
        this.server = server;
        this.port = server.getLocalPort();
    }

    static WsEchoBackend start() throws IOException {
        WsEchoBackend backend = new WsEchoBackend(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(backend::accept, "ws-echo");
        acceptor.setDaemon(true);
        acceptor.start();
        return backend;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "ws-echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            s.setSoTimeout(20_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            BufferedReader head = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1);
            String key = null;
            for (String line; (line = head.readLine()) != null && !line.isEmpty(); ) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            OutputStream out = s.getOutputStream();
            if (key == null) {
                out.write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int frames = 0; frames < 1000; frames++) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 0x8) {
                    out.write(new byte[] {(byte) 0x88, 0});
                    return;
                }
                if (opcode == 0x1) {
                    byte[] reply = ("echo: " + new String(payload, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(0x81);
                    if (reply.length < 126) {
                        out.write(reply.length);
                    } else {
                        out.write(126);
                        out.write(reply.length >>> 8);
                        out.write(reply.length & 0xff);
                    }
                    out.write(reply);
                    out.flush();
                }
            }
        } catch (Exception e) {
            // the connection ends; the test's client sees it
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
