package org.maillab.simulator.strategy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.Socket;
import org.maillab.pop3.client.Pop3Client;

/**
 * Opens the project's {@link Pop3Client} over a socket the simulator made (a tapped one).
 *
 * <p>Pop3Client has no public factory taking a connected socket yet, only {@code connect(host, port)},
 * which makes its own untapped socket. Until it has one ({@code Pop3Client.over(Socket)} is requested
 * from the pop3 module), this reaches its private {@code (Socket, String, int)} constructor: one place
 * to change when the factory exists.
 */
final class Pop3Clients {

    private Pop3Clients() {
    }

    static Pop3Client over(Socket socket, String host, int port) throws IOException {
        try {
            socket.setTcpNoDelay(true);
            Constructor<Pop3Client> constructor =
                    Pop3Client.class.getDeclaredConstructor(Socket.class, String.class, int.class);
            constructor.setAccessible(true);
            return constructor.newInstance(socket, host, port);
        } catch (InvocationTargetException e) {
            socket.close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } catch (ReflectiveOperationException e) {
            socket.close();
            throw new IllegalStateException("Pop3Client's constructor changed: update Pop3Clients", e);
        }
    }
}
