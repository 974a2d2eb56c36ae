/**
 * Writing messages: {@link org.maillab.mime.write.MessageBuilder} describes one,
 * {@link org.maillab.mime.write.MessageWriter} writes it; an {@link org.maillab.mime.write.IdGenerator}
 * makes boundaries and Message-IDs (seeded for reproducible output).
 */
package org.maillab.mime.write;
