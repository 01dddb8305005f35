package dev.assocrec.functions.model;

import java.io.IOException;
import java.nio.file.Path;

/** Where published model versions come from: a local model-store directory or S3. */
public interface VersionSource extends AutoCloseable {

    /** The version the store's current pointer names. */
    String currentVersion() throws IOException;

    /** A local directory holding the version's files, checked against the manifest's checksums. */
    Path fetchVerified(String version) throws IOException;

    /** For logs and the model-info answer. */
    String describe();

    @Override
    default void close() {}
}
