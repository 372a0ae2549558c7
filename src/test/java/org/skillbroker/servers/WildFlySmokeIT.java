package org.skillbroker.servers;

import java.nio.file.Path;

/**
 * The smoke suite on WildFly ({@code -Pwildfly}). Its first test is the proof that WEB-INF/jboss-deployment-structure.xml
 * works: the API that answers is the broker's own servlet, with its own problem answers.
 */
class WildFlySmokeIT extends ServerSmoke {
    @Override
    protected ServerNode createNode(Path scratch) {
        return new WildFlyNode("wildfly", WildFlyNode.home(), scratch.resolve("base"), 19280, 19290);
    }
}
