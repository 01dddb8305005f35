package dev.assocrec.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A returned item with its catalogue fields; {@code score} is absent for fallback answers. For recommendations from a history, {@code because}
 * names the history items that contributed most and {@code otherContribution} is the rest: the
 * pooled score is a sum over history items, so both together add up to {@code score}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredItem(String item, Double score, String category, String brand, Double price, String title,
                         List<Contribution> because, Double otherContribution) {}
