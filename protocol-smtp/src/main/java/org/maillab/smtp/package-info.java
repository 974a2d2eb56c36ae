/**
 * SMTP (RFC 5321) for submission and local delivery, and LMTP (RFC 2033), in three layers: the
 * {@code codec} (command lines to values, replies to bytes, the DATA reader), the {@code session} (the
 * state machine, with no socket), and the {@code server} and {@code client}.
 */
package org.maillab.smtp;
