package org.maillab.load;

import java.util.Random;

/**
 * The workload: which command a selected client sends next, chosen from fixed weights with the
 * client's seeded random source. No I/O: it only turns a choice and the client's view of the mailbox
 * (how many messages its session sees) into command text.
 *
 * <p>The weights mimic a mail client that mostly lists and reads: headers 30, bodies 22, flag changes
 * 18, searches 14, appends 8, expunges 8. STORE sets {@code \Deleted} one time in four so EXPUNGE has
 * something to remove and the mailbox neither drains nor grows quickly.
 */
final class Mix {

    private static final CommandType[] CHOICES = {CommandType.FETCH_HEADERS, CommandType.FETCH_BODY,
            CommandType.STORE, CommandType.SEARCH, CommandType.APPEND, CommandType.EXPUNGE};
    private static final int[] WEIGHTS = {30, 22, 18, 14, 8, 8};
    private static final int TOTAL = 100;

    /** A session does between these many commands after SELECT before it logs out. */
    static final int MIN_SESSION_COMMANDS = 5;
    static final int MAX_SESSION_COMMANDS = 40;

    private static final String[] SEARCHES = {"UNSEEN", "FLAGGED", "FROM \"carol\"", "SUBJECT \"report\"",
            "SINCE 1-Jun-2026", "BODY \"coffee\"", "OR SEEN FLAGGED", "LARGER 10000"};
    private static final String[] STORES = {"+FLAGS (\\Seen)", "-FLAGS (\\Seen)", "+FLAGS (\\Flagged)",
            "+FLAGS (\\Deleted)"};

    private Mix() {
    }

    /** How many commands the next session runs between SELECT and LOGOUT. */
    static int sessionLength(Random random) {
        return MIN_SESSION_COMMANDS + random.nextInt(MAX_SESSION_COMMANDS - MIN_SESSION_COMMANDS + 1);
    }

    /** The next command for a session that sees {@code messages} messages in its selected mailbox. */
    static Op next(Random random, long messages) {
        CommandType type = choose(random.nextInt(TOTAL));
        if (messages == 0 && type != CommandType.SEARCH && type != CommandType.EXPUNGE) {
            type = CommandType.APPEND; // nothing to fetch or flag: bring mail in
        }
        return switch (type) {
            case FETCH_HEADERS -> {
                long first = 1 + (long) (random.nextDouble() * messages);
                long last = Math.min(messages, first + random.nextInt(20));
                yield Op.of(type, "FETCH " + first + ":" + last + " (FLAGS ENVELOPE)");
            }
            case FETCH_BODY -> {
                long n = 1 + (long) (random.nextDouble() * messages);
                yield Op.of(type, random.nextBoolean()
                        ? "FETCH " + n + " BODY.PEEK[]"
                        : "FETCH " + n + " BODY.PEEK[]<0." + (512 + random.nextInt(4096)) + ">");
            }
            case STORE -> {
                long n = 1 + (long) (random.nextDouble() * messages);
                yield Op.of(type, "STORE " + n + " " + STORES[random.nextInt(STORES.length)]);
            }
            case SEARCH -> Op.of(type, "SEARCH " + SEARCHES[random.nextInt(SEARCHES.length)]);
            case EXPUNGE -> Op.of(type, "EXPUNGE");
            case APPEND -> append(random);
            default -> throw new IllegalStateException("not part of the mix: " + type);
        };
    }

    /** APPEND to INBOX, half of them already read, as a synchronizing literal (every server takes it). */
    static Op append(Random random) {
        byte[] message = MessageFactory.message(random);
        String flags = random.nextBoolean() ? "(\\Seen) " : "() ";
        return new Op(CommandType.APPEND, "APPEND INBOX " + flags + "{" + message.length + "}", message);
    }

    static CommandType choose(int roll) {
        int upTo = 0;
        for (int i = 0; i < CHOICES.length; i++) {
            upTo += WEIGHTS[i];
            if (roll < upTo) {
                return CHOICES[i];
            }
        }
        throw new IllegalArgumentException("roll out of range: " + roll);
    }
}
