package org.skillbroker.browser;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every picture the README shows exists, is a PNG the browser tests take, and stays small. */
class ReadmePicturesTest {

    @Test
    void everyPictureTheReadmeShowsIsThereAndSmall() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher image = Pattern.compile("\\]\\((docs/images/([a-z-]+)\\.png)\\)").matcher(readme);
        int count = 0;
        StringBuilder browserTests = new StringBuilder(); // every browser test class may take README pictures
        try (var files = Files.list(Path.of("src/test/java/org/skillbroker/browser"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList()) {
                browserTests.append(Files.readString(file));
            }
        }
        String tests = browserTests.toString();
        while (image.find()) {
            count++;
            Path png = Path.of(image.group(1));
            assertTrue(Files.isRegularFile(png), png + " is missing");
            assertTrue(Files.size(png) < 200_000, png + " is " + Files.size(png) + " bytes");
            assertTrue(tests.contains("picture(\"" + image.group(2) + "\""), png + " is taken by a browser test");
        }
        assertTrue(count >= 5, "the README shows the widget (light, dark), the status page and the setup flow");
    }
}
