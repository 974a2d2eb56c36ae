package org.maillab.mailstore.memory;

import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreProperties;

class InMemoryStorePropertiesTest extends MailStoreProperties {

    @Override
    protected MailStore newStore() {
        return new InMemoryStore();
    }
}
