package dev.assocrec.training.pipeline;

import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import java.util.Locale;

/**
 * {@code --pooling auto|mean|weighted|attention}: how a run pools histories. {@code auto} takes the recipe's
 * {@code pooling} (chosen per recipe on validation: training/quality/README.md), else the data's own (weighted
 * for event logs and sequences, mean for LightGCN files). {@code weighted} is the data's own weighting, or a
 * positional half-life of 2 items where the data has none; {@code attention} starts from the data's own pooling
 * and learns from there ({@link PoolingConfig#attentionFrom}).
 */
public enum PoolingOption {
    AUTO, MEAN, WEIGHTED, ATTENTION;

    /** The value of {@code --pooling} (or a recipe's {@code pooling}); null means auto. */
    public static PoolingOption parse(String raw, String option) {
        if (raw == null) {
            return AUTO;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "mean" -> MEAN;
            case "weighted" -> WEIGHTED;
            case "attention" -> ATTENTION;
            default -> throw new IllegalArgumentException(option + " " + raw + ": use auto, mean, weighted or attention");
        };
    }

    /** The pooling a run of {@code dims} dimensions trains for; {@code recipe} is the recipe's choice (null: none). */
    public PoolingConfig resolve(PoolingConfig data, PoolingOption recipe, int dims) {
        return switch (this) {
            case AUTO -> recipe == null || recipe == AUTO ? data : recipe.resolve(data, null, dims);
            case MEAN -> PoolingConfig.mean();
            case WEIGHTED -> data.mode() == PoolingConfig.Mode.WEIGHTED ? data : PoolingConfig.positional(2);
            case ATTENTION -> PoolingConfig.attentionFrom(data, dims);
        };
    }

    public Dataset apply(Dataset d, PoolingOption recipe, int dims) {
        PoolingConfig pooling = resolve(d.pooling(), recipe, dims);
        return pooling.equals(d.pooling()) ? d : d.withPooling(pooling);
    }
}
