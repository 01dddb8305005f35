package dev.assocrec.contract.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.PoolingConfig;

/**
 * What a trainer hands to {@link ModelVersionWriter}: the two tables the served graph scores with
 * (pooled context rows · target rows), the pooling they were trained for, and how they were trained.
 */
public interface VersionTables {
    EmbeddingTable context();

    EmbeddingTable target();

    PoolingConfig pooling();

    /** The manifest's {@code training} record (hyper-parameters, chosen epoch, …); null when there is none. */
    JsonNode trainingRecord();

    /** Tables without a training record: seeded, planted or converted ones. */
    static VersionTables of(EmbeddingTable context, EmbeddingTable target, PoolingConfig pooling) {
        record Plain(EmbeddingTable context, EmbeddingTable target, PoolingConfig pooling) implements VersionTables {
            @Override
            public JsonNode trainingRecord() {
                return null;
            }
        }
        return new Plain(context, target, pooling);
    }
}
