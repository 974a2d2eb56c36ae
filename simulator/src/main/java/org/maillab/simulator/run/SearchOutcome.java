package org.maillab.simulator.run;

/**
 * One search the user made.
 *
 * @param device    where
 * @param text      what for
 * @param found     messages the strategy found
 * @param existing  messages of the account that match and still exist somewhere (server or a device)
 * @param bytesDown octets downloaded for the search (0 when it ran on local mail)
 */
public record SearchOutcome(String device, String text, int found, int existing, long bytesDown) {
}
