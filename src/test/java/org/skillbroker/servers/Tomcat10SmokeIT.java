package org.skillbroker.servers;

import java.nio.file.Path;

/** The smoke suite on the Tomcat 10.1 distribution ({@code -Ptomcat10}). */
class Tomcat10SmokeIT extends ServerSmoke {
    @Override
    protected ServerNode createNode(Path scratch) {
        return new TomcatNode("tomcat10", TomcatNode.home(), scratch.resolve("base"), 19080);
    }
}
