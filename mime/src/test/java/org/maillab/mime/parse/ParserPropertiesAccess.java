package org.maillab.mime.parse;

/** Lets tests in other packages check a tree's offsets with {@link ParserProperties}' rules. */
public final class ParserPropertiesAccess {

    private ParserPropertiesAccess() {
    }

    public static void assertConsistent(byte[] input, MessageTree tree) {
        ParserProperties.assertConsistent(input, tree);
    }
}
