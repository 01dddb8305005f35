package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The provenance entry of one input file: where it came from, its size and modification time. */
final class InputFileInfo {
    private InputFileInfo() {}

    static ObjectNode of(Path path) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("path", path.toAbsolutePath().toString());
        out.put("bytes", Files.size(path));
        out.put("modified", Files.getLastModifiedTime(path).toInstant().toString());
        return out;
    }
}
