package dev.assocrec.training.pipeline;

import dev.assocrec.contract.Manifest;
import java.nio.file.Path;
import java.util.List;

/**
 * A run whose version is stored and verified, current if {@code decision} allowed it, with where its
 * report files are.
 */
public record PublishedRun(TrainingRun run, Manifest manifest, ReleaseDecision decision, String storeLocation,
                           Path reportDir, List<String> reportCopies) {}
