package dev.assocrec.training.pipeline;

import dev.assocrec.store.ModelStore;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.eval.QualityGate;
import java.nio.file.Path;

/**
 * Where a run's results go, and whether it may make its version current.
 *
 * @param store       the model store the version is stored in
 * @param version     the new version's name
 * @param reportDir   local folder for report.json, report.md and curve.svg
 * @param reportCopy  an S3 prefix the report files are also uploaded to, or null
 * @param gate        the quality gate the version must pass to become current
 * @param force       make the version current whatever the gate or a pin says
 */
public record Publication(ModelStore store, String version, Path reportDir, S3Uri reportCopy, QualityGate gate,
                          boolean force) {}
