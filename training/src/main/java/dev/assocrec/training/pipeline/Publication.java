package dev.assocrec.training.pipeline;

import dev.assocrec.store.ModelStore;
import dev.assocrec.store.S3Uri;
import java.nio.file.Path;

/**
 * Where a run's results go.
 *
 * @param store       the model store the version is published to
 * @param version     the new version's name
 * @param reportDir   local folder for report.json, report.md and curve.svg
 * @param reportCopy  an S3 prefix the report files are also uploaded to, or null
 */
public record Publication(ModelStore store, String version, Path reportDir, S3Uri reportCopy) {}
