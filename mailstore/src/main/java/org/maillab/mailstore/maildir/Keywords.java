package org.maillab.mailstore.maildir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;

/**
 * A folder's keywords and their letters, in Dovecot's {@code dovecot-keywords} format: one line
 * {@code <index> <keyword>} each; keyword 0 is letter {@code a}, 1 is {@code b}, ... 25 is {@code z}.
 * Indexes never change once given, so letters in file names stay meaningful.
 */
final class Keywords {

    static final String FILE = "dovecot-keywords";
    static final int MAX = 26;

    private Path file;
    private final boolean fsync;
    private final String[] byIndex = new String[MAX];
    private final Map<String, Integer> byName = new HashMap<>();
    private int version;

    Keywords(Path folder, boolean fsync) {
        this.file = folder.resolve(FILE);
        this.fsync = fsync;
        AtomicFiles.read(file).ifPresent(text -> {
            for (String line : text.split("\n")) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                try {
                    int index = Integer.parseInt(line.substring(0, space));
                    String name = line.substring(space + 1).trim();
                    if (index >= 0 && index < MAX && !name.isEmpty() && !byName.containsKey(name)) {
                        byIndex[index] = name;
                        byName.put(name, index);
                    }
                } catch (NumberFormatException e) {
                    // a line we do not understand names no keyword
                }
            }
        });
    }

    void relocate(Path folder) {
        file = folder.resolve(FILE);
    }

    /** Grows each time a keyword gets a letter. */
    int version() {
        return version;
    }

    /** The keyword of a letter, or null. */
    String keyword(char letter) {
        int i = letter - 'a';
        return i >= 0 && i < MAX ? byIndex[i] : null;
    }

    /** The letter of a keyword, given a new one (and the file rewritten) if needed. */
    char letter(String keyword) {
        Integer index = byName.get(keyword);
        if (index == null) {
            int free = 0;
            while (free < MAX && byIndex[free] != null) {
                free++;
            }
            if (free == MAX) {
                throw new MailStoreException(Reason.LIMIT,
                        "a Maildir folder holds at most " + MAX + " different keywords");
            }
            byIndex[free] = keyword;
            byName.put(keyword, free);
            version++;
            save();
            index = free;
        }
        return (char) ('a' + index);
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            if (byIndex[i] != null) {
                lines.add(i + " " + byIndex[i]);
            }
        }
        AtomicFiles.write(file, String.join("\n", lines) + "\n", fsync);
    }
}
