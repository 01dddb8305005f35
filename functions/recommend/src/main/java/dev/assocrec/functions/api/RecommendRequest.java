package dev.assocrec.functions.api;

import java.util.List;

/**
 * Input of {@code recommend}.
 *
 * @param history        the user's items, oldest first
 * @param k              how many items to return (default 10, at most the configured limit)
 * @param pooling        {@code model} (as trained, the default), {@code mean} or {@code weighted}
 * @param excludeHistory leave the history items out of the answer (default true)
 * @param filters        catalogue restrictions on the answer
 * @param explain        how many contributing history items to name per answer (default 3)
 */
public record RecommendRequest(List<HistoryItem> history, Integer k, String pooling, Boolean excludeHistory,
                               Filters filters, Integer explain) {}
