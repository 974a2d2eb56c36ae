package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.transport.tls.TlsContexts;

/** The self-signed keystore made at first start (by keytool, through {@link TestTls}). */
class TlsContextsTest {

    @Test
    void theGeneratedKeystoreHoldsAKeyAndACertificateForLocalhostAnd127001() throws Exception {
        Path ks = TestTls.keystore();
        KeyStore store = TlsContexts.load(ks, TlsContexts.defaultPassword());
        assertTrue(store.isKeyEntry(TlsContexts.ALIAS));
        X509Certificate cert = TlsContexts.certificate(ks, TlsContexts.defaultPassword());
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=localhost"), cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal()); // self-signed
        assertTrue(cert.getSubjectAlternativeNames().contains(List.of(2, "localhost")), "DNS SAN");
        assertTrue(cert.getSubjectAlternativeNames().contains(List.of(7, "127.0.0.1")), "IP SAN");
        cert.checkValidity();
    }

    @Test
    void anExistingKeystoreIsReusedNotRegenerated() throws Exception {
        Path ks = TestTls.keystore();
        byte[] before = Files.readAllBytes(ks);
        assertEquals(ks, TlsContexts.ensureSelfSignedKeystore(ks, TlsContexts.defaultPassword()));
        assertArrayEquals(before, Files.readAllBytes(ks));
        try (var dir = Files.list(ks.getParent())) {
            assertEquals(List.of(ks.getFileName()), dir.map(Path::getFileName).toList(), "no temporary files left");
        }
    }
}
