package org.maillab.simulator.scenario;

import java.util.OptionalLong;

/**
 * An account on the server.
 *
 * @param name          login name
 * @param password      its password
 * @param quotaBytes    storage limit in octets; empty for none
 * @param quotaMessages message count limit; empty for none
 */
public record AccountSpec(String name, String password, OptionalLong quotaBytes, OptionalLong quotaMessages) {
}
