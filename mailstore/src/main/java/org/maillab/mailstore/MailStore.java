package org.maillab.mailstore;

import java.util.List;
import java.util.Optional;

/**
 * Where mail lives: the accounts and, through them, their mail. Two implementations pass one contract
 * test suite: {@code MaildirStore} (on disk, the default) and {@code InMemoryStore} (tests, simulations).
 *
 * <p>Passwords are kept as PBKDF2 hashes and compared in constant time. APOP (RFC 1939 §7) needs a
 * secret the server can read, so an account created with {@code apop} true also keeps its password
 * readable by the server, and only such an account can log in with APOP.
 */
public interface MailStore extends AutoCloseable {

    /** Creates an account; {@code ALREADY_EXISTS} if the name is taken, {@code INVALID_NAME} if unfit. */
    Account createAccount(String name, String password, boolean apop);

    /** Changes an account's password. */
    void setPassword(String name, String password);

    /** The account whose name and password match; empty otherwise (without saying which was wrong). */
    Optional<Account> authenticate(String name, String password);

    /**
     * APOP: the account whose name matches and whose MD5(timestamp + secret), in lower-case hex,
     * equals {@code digest} (RFC 1939 §7); empty otherwise.
     */
    Optional<Account> authenticateApop(String name, String timestamp, String digest);

    /**
     * An account without a password, for trusted local use: delivery ({@code maillab deliver}),
     * administration, the simulator's setup. Protocol sessions never call it.
     */
    Optional<Account> account(String name);

    /** Names of all accounts, sorted. */
    List<String> accountNames();

    @Override
    void close();
}
