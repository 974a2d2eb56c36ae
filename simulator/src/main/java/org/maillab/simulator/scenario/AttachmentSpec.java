package org.maillab.simulator.scenario;

/**
 * An attachment carried by each message of a batch.
 *
 * @param contentType e.g. {@code video/mp4}
 * @param size        octets before base64 encoding
 */
public record AttachmentSpec(String contentType, long size) {
}
