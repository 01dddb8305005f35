package dev.assocrec.functions;

import dev.assocrec.contract.HistoryEntry;
import dev.assocrec.contract.HistoryPooling;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.contract.PoolingInputs;
import dev.assocrec.contract.ReferenceScorer;
import dev.assocrec.contract.ReferenceScorer.Ranked;
import dev.assocrec.functions.api.Contribution;
import dev.assocrec.functions.api.Filters;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.api.ScoredItem;
import dev.assocrec.functions.model.LoadedModel;
import dev.assocrec.functions.scoring.PooledRanker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** Turns validated requests into answers from one model version. */
@ApplicationScoped
public class Recommender {
    static final String FALLBACK_POPULAR = "popular";
    private static final int BASKET_EXPLAIN = 3;

    public RecommendResponse recommend(LoadedModel model, ParsedRequests.Recommend request) {
        PoolingConfig pooling = request.pooling().resolve(model.manifest().pooling());
        boolean positional = pooling.timeAxis() == PoolingConfig.TimeAxis.POSITIONS;
        List<HistoryEntry> known = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < request.history().size(); i++) {
            ParsedRequests.Entry e = request.history().get(i);
            OptionalInt index = model.catalog().indexOf(e.itemId());
            if (index.isEmpty()) {
                unknown.add(e.itemId());
                continue;
            }
            // A sequence-trained model counts recency in positions: the request lists history oldest first.
            double time = positional ? i : e.epochSeconds();
            known.add(new HistoryEntry(index.getAsInt(), e.event(), time, e.weight()));
        }
        return answer(model, known, pooling, unknown, request.k(), request.filters(), request.excludeHistory(),
                request.explain());
    }

    public RecommendResponse related(LoadedModel model, ParsedRequests.Related request) {
        List<HistoryEntry> basket = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String id : request.itemIds()) {
            OptionalInt index = model.catalog().indexOf(id);
            if (index.isPresent()) {
                basket.add(HistoryEntry.of(index.getAsInt()));
            } else {
                unknown.add(id);
            }
        }
        int explain = request.itemIds().size() > 1 ? BASKET_EXPLAIN : 0;
        return answer(model, basket, PoolingConfig.mean(), unknown, request.k(), request.filters(), true, explain);
    }

    public ModelInfo info(LoadedModel model) {
        var m = model.manifest();
        return new ModelInfo(m.version(), m.itemCount(), m.dimensions(), m.createdAt(), model.loadedAt(),
                m.pooling().mode().name().toLowerCase(Locale.ROOT), m.metrics(), model.source(),
                new ModelInfo.Scoring(model.engine().name().toLowerCase(Locale.ROOT), model.ranker().certifiedAnswers(),
                        model.ranker().fallbackScans()));
    }

    private RecommendResponse answer(LoadedModel model, List<HistoryEntry> history, PoolingConfig pooling,
                                     Set<String> unknown, int k, Filters filters, boolean excludeHistory, int explain) {
        // The Java paths pool HistoryPooling's weights; the graph computes the same ones from the raw entries. The
        // ranker returns the weights its scores came from, so the explanations add up to the served scores.
        PoolingInputs in = HistoryPooling.inputs(history, pooling, model.reference().context());
        int[] items = in.items();
        double total = 0;
        for (float w : in.weights()) {
            total += w;
        }
        BitSet accepted = model.accepted(filters);
        List<String> unknownList = List.copyOf(unknown);
        if (!(total > 0)) {
            return new RecommendResponse(model.version(), popular(model, items, k, accepted), unknownList,
                    FALLBACK_POPULAR);
        }
        PooledRanker.Result result = model.ranker().rank(in, k, accepted, excludeHistory);
        Ranked ranked = result.ranked();
        Map<Integer, Float> share = normalisedWeightPerItem(items, result.weights());
        List<ScoredItem> out = new ArrayList<>(ranked.items().length);
        for (int i = 0; i < ranked.items().length; i++) {
            int item = ranked.items()[i];
            out.add(explain == 0
                    ? scored(model.catalog().get(item), ranked.scores()[i], null, null)
                    : explained(model, item, ranked.scores()[i], share, explain));
        }
        return new RecommendResponse(model.version(), out, unknownList, null);
    }

    /** Duplicate history items add up: each distinct item's share of the pooled vector. */
    private static Map<Integer, Float> normalisedWeightPerItem(int[] items, float[] weights) {
        float[] normalised = HistoryPooling.normalised(weights);
        Map<Integer, Float> share = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            share.merge(items[i], normalised[i], Float::sum);
        }
        return share;
    }

    /**
     * score = pooled · target = Σ_h share_h · (context_h · target): each history item's term is its
     * exact contribution. The top ones are named, the rest summed, so the parts add up to the score.
     */
    private static ScoredItem explained(LoadedModel model, int item, float score, Map<Integer, Float> share, int explain) {
        ReferenceScorer reference = model.reference();
        List<Contribution> all = new ArrayList<>(share.size());
        share.forEach((h, w) -> all.add(new Contribution(model.catalog().get(h).itemId(),
                reference.contribution(h, w, item))));
        all.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
        List<Contribution> top = List.copyOf(all.subList(0, Math.min(explain, all.size())));
        double rest = 0;
        for (Contribution c : all.subList(top.size(), all.size())) {
            rest += c.contribution();
        }
        return scored(model.catalog().get(item), score, top, rest);
    }

    private static List<ScoredItem> popular(LoadedModel model, int[] history, int k, BitSet accepted) {
        BitSet seen = new BitSet();
        for (int h : history) {
            seen.set(h);
        }
        List<ScoredItem> out = new ArrayList<>(k);
        for (int item : model.manifest().popularItems()) {
            if (out.size() == k) {
                break;
            }
            if (!seen.get(item) && (accepted == null || accepted.get(item))) {
                seen.set(item);
                out.add(scored(model.catalog().get(item), null, null, null));
            }
        }
        return out;
    }

    private static ScoredItem scored(ItemRecord r, Float score, List<Contribution> because, Double rest) {
        return new ScoredItem(r.itemId(), score == null ? null : (double) score, r.category(), r.brand(), r.price(),
                r.title(), because, rest);
    }
}
