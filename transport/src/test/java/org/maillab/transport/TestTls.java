package org.maillab.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.maillab.transport.tls.TlsContexts;

/** One self-signed keystore per test JVM (keytool takes a second), with server and client contexts. */
final class TestTls {

    private static Path keystore;
    private static SSLContext server;
    private static SSLContext client;

    private TestTls() {
    }

    static synchronized Path keystore() {
        if (keystore == null) {
            try {
                Path dir = Files.createTempDirectory("maillab-tls");
                dir.toFile().deleteOnExit();
                keystore = TlsContexts.ensureSelfSignedKeystore(dir.resolve("keystore.p12"), TlsContexts.defaultPassword());
                keystore.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keystore;
    }

    static synchronized SSLContext server() throws IOException, GeneralSecurityException {
        if (server == null) {
            server = TlsContexts.serverContext(keystore(), TlsContexts.defaultPassword());
        }
        return server;
    }

    static synchronized SSLContext client() throws IOException, GeneralSecurityException {
        if (client == null) {
            client = TlsContexts.clientContextTrusting(keystore(), TlsContexts.defaultPassword());
        }
        return client;
    }
}
