package org.maillab.labkit;

/** What became of one check. */
public enum Outcome {
    PASS, FAIL, SKIP
}
