package dev.assocrec.training.ingest;

import dev.assocrec.store.S3Uri;
import java.nio.file.Path;

/**
 * The one place an input location becomes a local file. Local paths pass through; s3:// inputs
 * are resolved here once model-store's download helper is available on main.
 */
final class InputFiles {
    private InputFiles() {}

    static Path localize(String option, String location) throws BadInputException {
        if (location == null || location.isBlank()) {
            return null;
        }
        if (S3Uri.isS3(location)) {
            throw new BadInputException(option + " " + location + ": reading inputs from s3:// is not available in "
                    + "this build; copy the file to a local path first (aws s3 cp) and pass that path");
        }
        return Path.of(location);
    }
}
