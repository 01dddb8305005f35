package dev.assocrec.training.ingest;

import dev.assocrec.contract.LocalFiles;
import dev.assocrec.store.InputLocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The one place an input location becomes a local file: local paths pass through, s3:// objects are
 * downloaded (model-store's {@link InputLocations}, S3 endpoint and credentials as configured for
 * {@code S3Clients}) into a private temp folder that {@link #close()} removes after the read.
 */
final class InputFiles implements AutoCloseable {
    private final Path downloads = Path.of(System.getProperty("java.io.tmpdir"), "assocrec-inputs-" + UUID.randomUUID());

    /** The local file for {@code location}, or null when the option was not given. */
    Path localize(String option, String location) throws BadInputException, IOException {
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            return InputLocations.localize(location, downloads);
        } catch (NoSuchFileException e) {
            if (Files.isDirectory(Path.of(location))) {
                throw new BadInputException(option + " " + location + ": is a directory; give one file");
            }
            throw new BadInputException(option + " " + location + ": no such file");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + " " + location + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        LocalFiles.deleteTree(downloads);
    }
}
