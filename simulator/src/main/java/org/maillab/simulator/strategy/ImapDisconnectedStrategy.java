package org.maillab.simulator.strategy;

import org.maillab.simulator.scenario.StrategyName;

/**
 * IMAP disconnected (RFC 1733, RFC 4549): each check first replays the changes made on the device since
 * the last one (STORE, MOVE, STORE \Deleted + UID EXPUNGE, by UID), then synchronises (new UIDs,
 * FLAGS comparison, vanished UIDs) and downloads the text part of every new message so it can be read
 * offline; attachments only when the user opens them (then over the network if online). User actions
 * and searches work on the device's copy and cost nothing until the next check.
 */
public final class ImapDisconnectedStrategy extends ImapStrategy {

    @Override
    public StrategyName name() {
        return StrategyName.IMAP_DISCONNECTED;
    }

    @Override
    boolean textOnSync() {
        return true;
    }

    @Override
    boolean workOnline() {
        return false;
    }

    @Override
    boolean searchOnServer() {
        return false;
    }
}
