package dev.assocrec.training.cli;

import dev.assocrec.contract.ArtifactLayout;
import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.store.LocalModelStore;
import dev.assocrec.store.ModelStore;
import dev.assocrec.store.ModelStores;
import dev.assocrec.store.S3Uri;
import dev.assocrec.training.eval.QualityGate;
import dev.assocrec.training.ingest.BadInputException;
import dev.assocrec.training.pipeline.Publication;
import dev.assocrec.training.util.CommandName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Opening the store an option names, and where a version's report goes beside it. */
final class StoreTarget {
    /** Folder under a store root (local or S3) that keeps each version's report. */
    static final String REPORTS = "reports";
    /** Local report folder when the store is on S3 (the files are also uploaded to the store). */
    static final Path LOCAL_REPORTS_FOR_S3 = Path.of("assocrec-reports");

    private StoreTarget() {}

    static ModelStore open(String option, String location) throws BadInputException {
        try {
            return ModelStores.open(location);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + " " + location + ": " + e.getMessage());
        }
    }

    /** A store that must already exist (to list, evaluate, roll back or unpin): a missing folder is bad input. */
    static ModelStore openExisting(String option, String location) throws BadInputException {
        ModelStore store = open(option, location);
        if (store instanceof LocalModelStore local && !Files.isDirectory(local.root())) {
            store.close();
            throw new BadInputException(option + " " + location + ": no such directory (a store is made by '"
                    + CommandName.of("train") + " --out DIR')");
        }
        return store;
    }

    static String requireValidVersion(String option, String version) throws BadInputException {
        try {
            return ArtifactLayout.requireValidVersion(version);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + " " + version + ": " + e.getMessage());
        }
    }

    /** Fails (as bad input) when the store has no such version, listing the ones it has. */
    static void requireStored(ModelStore store, String version) throws BadInputException, IOException {
        List<String> stored = store.listVersions();
        if (!stored.contains(version)) {
            throw new BadInputException("version " + version + " is not in the store " + store.location()
                    + (stored.isEmpty() ? "; it has no versions yet" : "; stored versions: " + String.join(", ", stored)));
        }
    }

    /**
     * Where a training run's report goes: {@code --report-dir} if given, else beside the models,
     * {@code <store>/reports/<version>} for a local store; for S3 {@code ./assocrec-reports/<version>} and,
     * uploaded, {@code s3://…/reports/<version>/}.
     */
    static Publication publication(ModelStore store, String location, String version, Path reportDir, QualityGate gate,
                                   boolean force) {
        ReportPlace place = reportPlace(store, location, version, reportDir);
        return new Publication(store, version, place.dir(), place.copy(), gate, force);
    }

    /**
     * Where {@code evaluate} puts the report of one evaluation of {@code version}: as for training, under
     * {@code <version>/evaluations/<UTC time>} beside the version's training report.
     */
    static ReportPlace evaluationReport(ModelStore store, String location, String version, Path reportDir) {
        return reportPlace(store, location,
                version + "/evaluations/" + ModelVersionWriter.timestampVersion(Instant.now()), reportDir);
    }

    /** A report's folder and, for an S3 store, where it is uploaded (else null). */
    record ReportPlace(Path dir, S3Uri copy) {}

    /** {@code relative} under the store's reports folder (S3: uploaded there, written locally first). */
    private static ReportPlace reportPlace(ModelStore store, String location, String relative, Path reportDir) {
        S3Uri copy = S3Uri.isS3(location) ? S3Uri.parse(location).resolve(REPORTS + "/" + relative + "/") : null;
        Path dir = reportDir;
        if (dir == null) {
            dir = store instanceof LocalModelStore local ? local.root().resolve(REPORTS).resolve(relative)
                    : LOCAL_REPORTS_FOR_S3.resolve(relative);
        }
        return new ReportPlace(dir, copy);
    }
}
