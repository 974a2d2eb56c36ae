package org.maillab.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for MailLab's servers and for clients and tests that talk to them.
 *
 * <pre>{@code
 * Path ks = TlsContexts.ensureSelfSignedKeystore(dataDir.resolve("tls/keystore.p12"), TlsContexts.defaultPassword());
 * SSLContext server = TlsContexts.serverContext(ks, TlsContexts.defaultPassword());          // for ListenerConfig
 * SSLContext client = TlsContexts.clientContextTrusting(ks, TlsContexts.defaultPassword());  // for a test client
 * }</pre>
 *
 * The self-signed certificate is made by the JDK's own {@code keytool} ({@code java.home/bin/keytool}), so no
 * library is needed; it is for {@code localhost} and {@code 127.0.0.1}, valid for 10 years. A lab server
 * keeps it in its data directory so clients can be told to trust it once.
 */
public final class TlsContexts {

    /** The alias of the generated key. */
    public static final String ALIAS = "maillab";

    private TlsContexts() {
    }

    /** The password of generated keystores unless one is configured: {@code maillab} (a fresh array). */
    public static char[] defaultPassword() {
        return "maillab".toCharArray();
    }

    /**
     * Returns {@code keystore}, first creating it (PKCS#12, an RSA 2048 key and a self-signed certificate for
     * {@code localhost}/{@code 127.0.0.1}) if the file does not exist. Safe if two processes race: the file
     * is created aside and moved into place.
     *
     * @throws IOException if keytool cannot be run or fails
     */
    public static Path ensureSelfSignedKeystore(Path keystore, char[] password) throws IOException {
        if (Files.exists(keystore)) {
            return keystore;
        }
        Path dir = keystore.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(keystore.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        String keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool").toString();
        List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=localhost, O=MailLab",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", tmp.toString(),
                // The password goes through the environment, not the command line (ps would show it).
                "-storepass:env", "MAILLAB_KEYSTORE_PASSWORD", "-keypass:env", "MAILLAB_KEYSTORE_PASSWORD"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MAILLAB_KEYSTORE_PASSWORD", new String(password));
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
        if (p.exitValue() != 0 || !Files.exists(tmp)) {
            Files.deleteIfExists(tmp);
            throw new IOException("keytool failed (" + p.exitValue() + "): " + output.strip());
        }
        try {
            Files.move(tmp, keystore, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process won the race; use its keystore
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, keystore, StandardCopyOption.REPLACE_EXISTING);
        }
        return keystore;
    }

    /** Loads a keystore (PKCS#12 or JKS, detected by the JDK). */
    public static KeyStore load(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                ks.load(in, password);
                return ks;
            } catch (IOException e) {
                // Not the default type; try the other common one.
                KeyStore jks = KeyStore.getInstance("JKS");
                try (InputStream again = Files.newInputStream(keystore)) {
                    jks.load(again, password);
                }
                return jks;
            }
        }
    }

    /** A server context with the keystore's key and certificate (for {@code ListenerConfig.withTls}). */
    public static SSLContext serverContext(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keystore, password), password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /**
     * A client context that trusts exactly the certificates in {@code keystore} (its key entries' own
     * certificates and its trusted-certificate entries), e.g. a MailLab server's self-signed one.
     */
    public static SSLContext clientContextTrusting(Path keystore, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore ks = load(keystore, password);
        List<X509Certificate> certs = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            Certificate c = ks.getCertificate(alias);
            if (c instanceof X509Certificate x) {
                certs.add(x);
            }
        }
        return clientContextTrusting(certs.toArray(new X509Certificate[0]));
    }

    /** A client context that trusts exactly these certificates. */
    public static SSLContext clientContextTrusting(X509Certificate... certificates) throws GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < certificates.length; i++) {
            trust.setCertificateEntry("trusted-" + i, certificates[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** The certificate of the generated key (to print its fingerprint or export it for a mail client). */
    public static X509Certificate certificate(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        Certificate c = load(keystore, password).getCertificate(ALIAS);
        if (!(c instanceof X509Certificate x)) {
            throw new GeneralSecurityException("no certificate under alias " + ALIAS + " in " + keystore);
        }
        return x;
    }
}
