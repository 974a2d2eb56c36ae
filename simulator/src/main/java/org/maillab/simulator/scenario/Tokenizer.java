package org.maillab.simulator.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a scenario file into words and quoted texts; {@code #} starts a comment outside
 * quotes. Total: any line gives tokens or one error message.
 */
final class Tokenizer {

    /** A word or a quoted text (quoted texts never count as keywords). */
    record Token(String text, boolean quoted) {
    }

    /** The tokens of a line, or why it could not be split. */
    record Result(List<Token> tokens, String error) {
    }

    private Tokenizer() {
    }

    static Result split(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = line.charAt(i);
                    if (q == '\\' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                        text.append(line.charAt(i + 1));
                        i += 2;
                    } else if (q == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        text.append(q);
                        i++;
                    }
                }
                if (!closed) {
                    return new Result(List.of(), "a quoted text is not closed (missing \")");
                }
                tokens.add(new Token(text.toString(), true));
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '"' && line.charAt(i) != '#') {
                i++;
            }
            tokens.add(new Token(line.substring(start, i), false));
        }
        return new Result(tokens, null);
    }

    /** Quotes a text so that {@link #split} gives it back. */
    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
