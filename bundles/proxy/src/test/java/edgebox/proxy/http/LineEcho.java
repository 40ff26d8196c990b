package edgebox.proxy.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain TCP backend on 127.0.0.1: answers each line of one connection at a time with {@code echo: line}. */
final class LineEcho implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    LineEcho() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("line-echo").start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(("echo: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // closed, or the client went away: the next connection is served
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(2000);
    }
}
