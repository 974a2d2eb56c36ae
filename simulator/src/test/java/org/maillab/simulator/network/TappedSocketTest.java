package org.maillab.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TappedSocketTest {

    /** A line server on loopback: greets, then answers each line with "+OK line". */
    private static CompletableFuture<Void> serveOnce(ServerSocket server) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                out.print("+OK hello\r\n");
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    out.print("+OK " + line + "\r\n");
                    out.flush();
                    if (line.equals("QUIT")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static String readLine(BufferedReader in) throws IOException {
        return in.readLine();
    }

    @Test
    void countsBytesEachWayCommandsConnectionsAndOneFlightPerRequestResponse() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> done = serveOnce(server);
            WireTap tap = new WireTap("test");
            try (TappedSocket socket = TappedSocket.open("127.0.0.1", server.getLocalPort(), 5000, tap)) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                assertEquals("+OK hello", readLine(in));                      // flight 1: greeting
                out.write("STAT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("+OK STAT", readLine(in));                       // flight 2
                // pipelined: two commands written together, then both answers read: one flight
                out.write("NOOP\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("+OK NOOP", readLine(in));
                assertEquals("+OK QUIT", readLine(in));                       // flight 3
                tap.mark("end");
            }
            done.get();
            WireStats s = tap.stats();
            assertEquals(new WireStats("+OK hello\r\n+OK STAT\r\n+OK NOOP\r\n+OK QUIT\r\n".length(),
                    "STAT\r\nNOOP\r\nQUIT\r\n".length(), 3, 3, 1), s);
            assertEquals(s, tap.marks().get(0).at());
        }
    }
}
