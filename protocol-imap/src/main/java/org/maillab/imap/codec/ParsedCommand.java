package org.maillab.imap.codec;

import java.util.Optional;

/** What the parser made of one frame: a tagged command, or the reason it is not one (answered BAD). */
public sealed interface ParsedCommand {

    /** A well-formed command. */
    record Ok(String tag, Command command) implements ParsedCommand {
    }

    /** Not a command of the grammar; {@code tag} if one could be read, so BAD can carry it. */
    record Error(Optional<String> tag, String reason) implements ParsedCommand {
    }
}
