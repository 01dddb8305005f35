package dev.assocrec.functions;

import dev.assocrec.contract.PoolingConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code pooling} a request may ask for. */
public enum PoolingChoice {
    /** As the model was trained (the manifest's pooling). */
    MODEL,
    /** Every history entry weighs the same (times its explicit weight). */
    MEAN,
    /** Event type and recency weights: the model's own if it was trained weighted, else the defaults. */
    WEIGHTED,
    /** The model's learned attention; only a model trained with attention pooling has its parameters. */
    ATTENTION;

    public static PoolingChoice parse(String raw) {
        if (raw == null) {
            return MODEL;
        }
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("pooling must be one of " + names() + ", was '" + BadRequestException.echo(raw) + "'");
        }
    }

    public PoolingConfig resolve(PoolingConfig trained) {
        return switch (this) {
            case MODEL -> trained;
            case MEAN -> PoolingConfig.mean();
            case WEIGHTED -> trained.mode() == PoolingConfig.Mode.WEIGHTED ? trained : PoolingConfig.defaultWeighted();
            case ATTENTION -> {
                if (trained.mode() != PoolingConfig.Mode.ATTENTION) {
                    throw new BadRequestException("pooling 'attention' needs a model trained with attention pooling; this one "
                            + "pools " + trained.mode().name().toLowerCase(Locale.ROOT) + " (use model, mean or weighted)");
                }
                yield trained;
            }
        };
    }

    private static String names() {
        return Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
