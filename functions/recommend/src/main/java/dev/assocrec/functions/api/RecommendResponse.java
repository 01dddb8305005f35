package dev.assocrec.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Output of {@code recommend} and {@code related}.
 *
 * @param modelVersion the model version that produced this answer
 * @param items        best first
 * @param unknownItems request items the model does not know; they were ignored
 * @param fallback     null for a model answer; {@code "popular"} when the history was empty or
 *                     all unknown and the manifest's popular items were returned instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendResponse(String modelVersion, List<ScoredItem> items, List<String> unknownItems, String fallback) {}
