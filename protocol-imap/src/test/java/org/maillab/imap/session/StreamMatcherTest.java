package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** SEARCH string keys matched over text in pieces (RFC 9051 §6.4.4: case-insensitive substring). */
class StreamMatcherTest {

    private static boolean wholeContains(String haystack, String needle) {
        StringBuilder h = new StringBuilder();
        haystack.chars().forEach(c -> h.append(StreamMatcher.fold((char) c)));
        StringBuilder n = new StringBuilder();
        needle.chars().forEach(c -> n.append(StreamMatcher.fold((char) c)));
        return h.toString().contains(n);
    }

    @Property(tries = 300, seed = "20261127")
    void anySplitOfTheTextMatchesLikeTheWholeText(
            @ForAll @StringLength(max = 60) @CharRange(from = 'a', to = 'c') @CharRange(from = 'A', to = 'B')
                    String haystack,
            @ForAll @StringLength(max = 5) @CharRange(from = 'a', to = 'c') String needle,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 60) Integer> cuts) {
        StreamMatcher m = new StreamMatcher(needle);
        char[] chars = haystack.toCharArray();
        int from = 0;
        for (int cut : cuts.stream().sorted().toList()) {
            int to = Math.min(cut, chars.length);
            if (to > from) {
                m.feed(chars, from, to - from);
                from = to;
            }
        }
        m.feed(chars, from, chars.length - from);
        assertEquals(wholeContains(haystack, needle), m.found(), haystack + " / " + needle + " / " + cuts);
    }

    @Test
    void aNeedleAcrossTheReadersBufferBoundaryIsFound() throws IOException {
        String text = "x".repeat(8190) + "NeedLE" + "y".repeat(10);
        assertTrue(new StreamMatcher("needle").feed(new StringReader(text)));
        assertFalse(new StreamMatcher("needles").feed(new StringReader(text)));
    }

    @Test
    void aSelfOverlappingNeedleIsFoundAfterAFalseStart_rfc9051_6_4_4() {
        StreamMatcher m = new StreamMatcher("aab");
        assertFalse(m.feed("xaa"));
        assertTrue(m.feed("ab"));
    }

    @Test
    void theEmptyNeedleMatchesEverything() {
        assertTrue(new StreamMatcher("").found());
    }
}
