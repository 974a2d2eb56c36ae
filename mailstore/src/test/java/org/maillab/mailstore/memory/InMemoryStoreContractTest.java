package org.maillab.mailstore.memory;

import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreContract;

class InMemoryStoreContractTest extends MailStoreContract {

    @Override
    protected MailStore newStore() {
        return new InMemoryStore();
    }
}
