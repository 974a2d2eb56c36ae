package org.maillab.mailstore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ListPatternTest {

    @Test
    void starMatchesAcrossTheDelimiterAndPercentDoesNot_rfc9051Section6_3_9() {
        assertTrue(ListPattern.matches("*", "a/b/c"));
        assertTrue(ListPattern.matches("%", "abc"));
        assertFalse(ListPattern.matches("%", "a/b"));
        assertTrue(ListPattern.matches("a/%", "a/b"));
        assertFalse(ListPattern.matches("a/%", "a/b/c"));
        assertTrue(ListPattern.matches("a/%/c", "a/b/c"));
        assertTrue(ListPattern.matches("%/%", "a/b"));
        assertTrue(ListPattern.matches("", "") );
        assertFalse(ListPattern.matches("", "a"));
        assertTrue(ListPattern.matches("a%", "a"));
    }

    @Test
    void inboxInThePatternIsCaseInsensitive_rfc9051Section5_1() {
        assertTrue(ListPattern.matches("inbox", "INBOX"));
        assertTrue(ListPattern.matches("Inbox/%", "INBOX/x"));
        assertFalse(ListPattern.matches("inboxes", "INBOX"));
        assertFalse(ListPattern.matches("work", "Work"));
    }

    @Test
    void manyStarsDoNotTakeExponentialTime() {
        String pattern = "*".repeat(50) + "%".repeat(50) + "b";
        assertFalse(ListPattern.matches(pattern, "a".repeat(200)));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab/*%").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab/").ofMaxLength(8);
    }

    /** The matcher agrees with a regular expression built from the pattern. */
    @Property(tries = 500, seed = "17")
    void agreesWithARegexOracle(@ForAll("patterns") String pattern, @ForAll("names") String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '%' -> "[^/]*";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        assertEquals(name.matches(regex.toString()), ListPattern.matches(pattern, name), pattern + " ~ " + name);
    }
}
