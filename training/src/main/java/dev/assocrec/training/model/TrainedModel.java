package dev.assocrec.training.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;
import java.util.List;

/**
 * What training hands to evaluation and export: the two tables the served graph scores with
 * (pooled context rows · target rows), the pooling they were trained for, and the training curve.
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
        JsonNode config) {}
