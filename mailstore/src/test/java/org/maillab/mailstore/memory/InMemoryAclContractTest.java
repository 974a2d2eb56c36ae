package org.maillab.mailstore.memory;

import org.maillab.mailstore.AclContract;
import org.maillab.mailstore.MailStore;

class InMemoryAclContractTest extends AclContract {

    @Override
    protected MailStore newStore() {
        return new InMemoryStore();
    }
}
