package org.maillab.labkit;

/** How strongly the RFC states a rule (RFC 2119 words); only a failed {@link #MUST} fails a run. */
public enum Level {
    MUST, SHOULD, MAY
}
