package dev.assocrec.training.pipeline;

import dev.assocrec.contract.EmbeddingTable;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ModelVersion;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * A published model's tables re-indexed to a dataset's item order, matched by item id: a model and
 * a dataset read later need not number items alike. Items the model does not know get zero rows
 * (they add nothing to a pooled history and score 0).
 *
 * @param unknownItems dataset items the model has no row for
 */
public record AlignedTables(EmbeddingTable context, EmbeddingTable target, int unknownItems) {

    public static AlignedTables of(ModelVersion version, ItemCatalog dataset) throws IOException {
        EmbeddingTable context = version.readContextTable();
        EmbeddingTable target = version.readTargetTable();
        int d = context.dims();
        float[] c = new float[dataset.size() * d];
        float[] t = new float[dataset.size() * d];
        int unknown = 0;
        for (int i = 0; i < dataset.size(); i++) {
            OptionalInt row = version.catalog().indexOf(dataset.get(i).itemId());
            if (row.isEmpty()) {
                unknown++;
                continue;
            }
            System.arraycopy(context.data(), row.getAsInt() * d, c, i * d, d);
            System.arraycopy(target.data(), row.getAsInt() * d, t, i * d, d);
        }
        return new AlignedTables(new EmbeddingTable(dataset.size(), d, c), new EmbeddingTable(dataset.size(), d, t), unknown);
    }
}
