package dev.assocrec.training.pipeline;

import ai.djl.Device;
import dev.assocrec.contract.LocalFiles;
import dev.assocrec.contract.ModelVersion;
import dev.assocrec.contract.export.ModelVersionWriter;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.eval.EvalTask;
import dev.assocrec.training.eval.Evaluator;
import dev.assocrec.training.eval.Metrics;
import dev.assocrec.training.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The served model's test figures: writes a trained model as a version folder, loads it back
 * verified, and scores the test split with the tables and pooling as read from the folder. Equal to
 * the in-training figures when export writes exactly what training optimised.
 */
public final class ExportedModelCheck {
    private ExportedModelCheck() {}

    public static Metrics onTestSplit(TrainedModel model, Dataset data, Device device) throws IOException {
        Path work = Files.createTempDirectory("assocrec-export-check-");
        try {
            Instant now = Instant.now();
            ModelVersionWriter.VersionInfo info = new ModelVersionWriter.VersionInfo(ModelVersionWriter.timestampVersion(now),
                    now, VersionExport.popularItems(data, VersionExport.POPULAR_ITEMS), Map.of(), data.provenance());
            // The writer loads what it wrote back from disk and verifies it (ModelVersion.load): no second read.
            ModelVersion loaded = ModelVersionWriter.write(work.resolve(info.version()), model, data.catalog(), info);
            AlignedTables tables = AlignedTables.of(loaded, data.catalog());
            return ModelComparison.gcn(new Evaluator(data.itemCount()), EvalTask.test(data), tables.context(),
                    tables.target(), loaded.manifest().pooling(), device);
        } finally {
            LocalFiles.deleteTree(work);
        }
    }
}
