package dev.assocrec.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeLibrariesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return MergeLibrariesCommand.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute(args);
    }

    @Test
    void aMalformedUnpackMappingIsRefusedByName() throws Exception {
        Path zip = dir.resolve("function.zip");
        Jars.zip(zip, Map.of("lib/a.jar", Jars.jar().toBytes(), "lib/b.jar", Jars.jar().toBytes()));
        byte[] before = Files.readAllBytes(zip);

        assertEquals(2, run("--zip", zip.toString(), "--unpack", "ai/onnxruntime/native/"));

        assertTrue(err.toString().contains("'ai/onnxruntime/native/'"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(zip), "package untouched");
    }

    @Test
    void aMissingPackageFailsWithItsPathAndNoStackTrace() {
        Path zip = dir.resolve("target/function.zip");

        assertEquals(1, run("--zip", zip.toString()));

        assertEquals("merge-libraries: " + zip + ": no such file (run the Quarkus build first)", err.toString().strip());
    }
}
