package org.maillab.simulator.strategy;

import org.maillab.simulator.scenario.StrategyName;

/**
 * IMAP disconnected (RFC 1733, RFC 4549): each check first replays the changes made on the device since
 * the last one (STORE, MOVE, STORE \Deleted + UID EXPUNGE, by UID), then synchronises and downloads the text part of every new message so it can be read
 * offline; attachments only when the user opens them (then over the network if online). User actions
 * and searches work on the device's copy and cost nothing until the next check.
 *
 * <p>The synchronisation uses the best the server offers (RFC 7162 §6): with QRESYNC, {@code ENABLE
 * QRESYNC} and {@code SELECT box (QRESYNC (uidvalidity modseq known-uids))}, which reports only what
 * vanished and what changed; with CONDSTORE only, {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq)}
 * and {@code UID SEARCH ALL}; otherwise {@code UID SEARCH ALL} and every known UID's FLAGS compared.
 */
public final class ImapDisconnectedStrategy extends ImapStrategy {

    /** Uses QRESYNC or CONDSTORE when the server offers them. */
    public ImapDisconnectedStrategy() {
        this(Resync.QRESYNC);
    }

    /** {@code best}: the most it uses (tests pin the fallback with {@link Resync#UID_COMPARISON}). */
    ImapDisconnectedStrategy(Resync best) {
        super(best);
    }

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
