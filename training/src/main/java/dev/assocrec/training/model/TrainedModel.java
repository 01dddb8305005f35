package dev.assocrec.training.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ManifestJson;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.export.VersionTables;
import java.util.List;

/**
 * What training hands to evaluation and to the contract's writer: the two tables the served graph
 * scores with (pooled context rows · target rows), the pooling they were trained for, and the training curve.
 *
 * @param bestEpoch   the epoch whose weights these are (chosen on validation)
 * @param config      every hyper-parameter used, for the manifest and the report
 */
public record TrainedModel(
        EmbeddingTable context,
        EmbeddingTable target,
        PoolingConfig pooling,
        List<EpochStats> epochs,
        int bestEpoch,
        double trainSeconds,
        JsonNode config) implements VersionTables {

    /** The hyper-parameters as given plus what the run chose, so the manifest says how to reproduce it. */
    @Override
    public JsonNode trainingRecord() {
        ObjectNode node = ManifestJson.MAPPER.createObjectNode();
        if (config != null) {
            node.set("config", config);
        }
        node.put("bestEpoch", bestEpoch);
        node.put("epochsRun", epochs == null ? 0 : epochs.size());
        node.put("trainSeconds", trainSeconds);
        return node;
    }
}
