package org.maillab.mailstore.maildir;

import java.nio.file.Path;

import org.maillab.mailstore.core.EngineStore;
import org.maillab.mailstore.core.PasswordHash;
import org.maillab.mailstore.core.StoreEngine;

/**
 * The mail store on disk, in Maildir: {@code root/<account>/} is the account's Maildir (INBOX is its
 * {@code cur/ new/ tmp/}, other mailboxes are Maildir++ folders {@code .A.B}), readable by Dovecot,
 * mutt and {@code ls}. The format is described in {@code docs/maildir.md}.
 *
 * <pre>{@code
 * try (MailStore store = MaildirStore.open(Path.of("maillab-data"))) {
 *     Account alice = store.createAccount("alice", "secret", false);
 *     alice.create("Work/2026");
 * }
 * }</pre>
 *
 * <p>One store object per tree and process: the store serializes its own writers; mail delivered into
 * {@code new/} by other programs is picked up on open, status and {@link org.maillab.mailstore.Mailbox#refresh()}.
 */
public final class MaildirStore extends EngineStore {

    /**
     * How a store works.
     *
     * @param fsync               force message files, journals and directories to disk at each commit, so a
     *                            power cut loses nothing acknowledged; off, a crash of the process still
     *                            loses nothing but a power cut may
     * @param pbkdf2Iterations    cost of new password hashes
     * @param accountSubdirectory where the Maildir lies inside an account's directory, e.g. {@code Maildir}
     *                            for Dovecot's {@code ~/Maildir}; empty: the account's directory itself
     */
    public record Options(boolean fsync, int pbkdf2Iterations, String accountSubdirectory) {

        public Options {
            if (pbkdf2Iterations < 1) {
                throw new IllegalArgumentException("pbkdf2Iterations must be positive");
            }
            if (accountSubdirectory == null || accountSubdirectory.contains("..")
                    || accountSubdirectory.startsWith("/")) {
                throw new IllegalArgumentException("accountSubdirectory must be a relative path inside the account");
            }
        }

        /** fsync on, the default PBKDF2 cost, the Maildir at {@code root/<account>/}. */
        public static Options defaults() {
            return new Options(true, PasswordHash.DEFAULT_ITERATIONS, "");
        }

        public Options withFsync(boolean value) {
            return new Options(value, pbkdf2Iterations, accountSubdirectory);
        }

        public Options withPbkdf2Iterations(int value) {
            return new Options(fsync, value, accountSubdirectory);
        }

        public Options withAccountSubdirectory(String value) {
            return new Options(fsync, pbkdf2Iterations, value);
        }
    }

    private MaildirStore(Path root, Options options) {
        super(new StoreEngine(new MaildirStorage(root, options), options.pbkdf2Iterations()));
    }

    /** Opens (creating if needed) the store under {@code root} with the default options. */
    public static MaildirStore open(Path root) {
        return open(root, Options.defaults());
    }

    public static MaildirStore open(Path root, Options options) {
        return new MaildirStore(root, options);
    }
}
