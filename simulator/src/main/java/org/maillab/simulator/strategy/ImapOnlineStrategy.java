package org.maillab.simulator.strategy;

import org.maillab.simulator.scenario.StrategyName;

/**
 * IMAP online (RFC 1733's "online" model): each check lists new messages by ENVELOPE, FLAGS,
 * RFC822.SIZE and BODYSTRUCTURE only; opening a message fetches its text part
 * ({@code BODY.PEEK[part]}), attachments only when the user opens them; flags, moves and deletes go
 * to the server at once; search runs on the server ({@code UID SEARCH}) over every mailbox.
 */
public final class ImapOnlineStrategy extends ImapStrategy {

    /** Keeps the UID comparison: an online client's sessions are short and its state is the server's. */
    public ImapOnlineStrategy() {
        super(Resync.UID_COMPARISON);
    }

    @Override
    public StrategyName name() {
        return StrategyName.IMAP_ONLINE;
    }

    @Override
    boolean textOnSync() {
        return false;
    }

    @Override
    boolean workOnline() {
        return true;
    }

    @Override
    boolean searchOnServer() {
        return true;
    }
}
