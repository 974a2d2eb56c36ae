package org.maillab.simulator.servers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.world.GeneratedMessage;

/**
 * The servers a run talks to: MailLab's own, started in-process ({@link InProcessTarget}), or another
 * server given by host and port ({@link RemoteTarget}). One target serves one strategy run and is then
 * closed, so every run starts from empty mailboxes.
 */
public interface ServerTarget extends AutoCloseable {

    /** For the report: what was measured. */
    String description();

    /** Where POP3 is served, if it is. */
    Optional<Endpoint> pop3();

    /** Where IMAP is served, if it is. */
    Optional<Endpoint> imap();

    /** Makes the account exist, empty, with the scenario's quota where the target can set one. */
    void prepare(AccountSpec account) throws IOException;

    /** Delivers a message (as SMTP would: not measured). */
    Delivery deliver(GeneratedMessage message, InputStream content) throws IOException;

    /** The login a device of this account uses. */
    Credentials credentials(AccountSpec account);

    /** Octets the account holds on the server, if the target can tell. */
    OptionalLong storedBytes(String account);

    /** Message-IDs of the account's mail on the server (all folders), if the target can tell. */
    Optional<Set<String>> messageIds(String account);

    @Override
    void close();

    /** What happened to a delivery. */
    enum Delivery {
        DELIVERED,
        /** The account's quota was full (RFC 9208 §4.3: no new mail is accepted). */
        REFUSED_OVER_QUOTA
    }

    /** A server address. */
    record Endpoint(String protocol, String host, int port) {
        @Override
        public String toString() {
            return protocol + "://" + host + ":" + port;
        }
    }

    /** A login. */
    record Credentials(String user, String password) {
    }
}
