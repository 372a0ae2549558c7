package org.skillbroker.servers;

import java.nio.file.Path;

/**
 * The smoke suite on WildFly ({@code -Pwildfly}). Its first test is the proof that WEB-INF/jboss-deployment-structure.xml
 * works: the JAX-RS runtime that answers is the WAR's Jersey, not WildFly's RESTEasy.
 */
class WildFlySmokeIT extends ServerSmoke {
    @Override
    protected ServerNode createNode(Path scratch) {
        return new WildFlyNode("wildfly", WildFlyNode.home(), scratch.resolve("base"), 19280, 19290);
    }
}
