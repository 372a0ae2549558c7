package org.skillbroker.servers;

import java.nio.file.Path;

/** The smoke suite on the Tomcat 11 distribution ({@code -Ptomcat11}); the same WAR (Servlet 6.0) runs unchanged. */
class Tomcat11SmokeIT extends ServerSmoke {
    @Override
    protected ServerNode createNode(Path scratch) {
        return new TomcatNode("tomcat11", TomcatNode.home(), scratch.resolve("base"), 19180);
    }
}
