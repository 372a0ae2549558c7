package org.skillbroker.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mvn -Pdemo -Ddemo.port=…} must reach the demo's JVM: Maven's -D sets a property of Maven, not of the
 * java process exec:exec starts, so the profile has to pass each port on.
 */
class DemoPortsTest {

    @Test
    void theDemoProfilePassesEveryPortToTheDemoJvm() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String demo = pom.substring(pom.indexOf("<id>demo</id>"), pom.indexOf("</profile>", pom.indexOf("<id>demo</id>")));
        for (String port : new String[]{"demo.port", "demo.simulator.port", "demo.desktop.port"}) {
            assertTrue(demo.contains("<argument>-D" + port + "=${" + port + "}</argument>"), port + " is passed on");
            assertTrue(demo.contains("<" + port + ">"), port + " has a default");
            assertTrue(Files.readString(Path.of("src/test/java/org/skillbroker/demo/Demo.java"))
                    .contains("\"" + port + "\""), "Demo reads " + port);
        }
    }
}
