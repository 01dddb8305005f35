package dev.assocrec.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assocrec.functions.api.ModelInfo;
import dev.assocrec.functions.api.RecommendRequest;
import dev.assocrec.functions.api.RecommendResponse;
import dev.assocrec.functions.api.RelatedRequest;
import dev.assocrec.functions.http.RequestBinder;
import dev.assocrec.functions.model.ModelHolder;
import dev.assocrec.functions.model.ModelManager;
import io.quarkus.funqy.Funq;

/**
 * The three functions. Bodies arrive as JSON trees and are bound here (not by Funqy) so that every
 * binding mistake becomes a 400 that names the field; see {@link RequestBinder}. Each request leases
 * the serving model once, so everything in one answer comes from the version it names.
 */
public class RecommendFunctions {
    private final ModelManager models;
    private final RequestValidator validator;
    private final Recommender recommender;

    public RecommendFunctions(ModelManager models, RequestValidator validator, Recommender recommender) {
        this.models = models;
        this.validator = validator;
        this.recommender = recommender;
    }

    @Funq("recommend")
    public RecommendResponse recommend(JsonNode body) {
        ParsedRequests.Recommend request = validator.validate(RequestBinder.bind(body, RecommendRequest.class));
        try (ModelHolder.Lease lease = models.lease()) {
            return recommender.recommend(lease.model(), request);
        }
    }

    @Funq("related")
    public RecommendResponse related(JsonNode body) {
        ParsedRequests.Related request = validator.validate(RequestBinder.bind(body, RelatedRequest.class));
        try (ModelHolder.Lease lease = models.lease()) {
            return recommender.related(lease.model(), request);
        }
    }

    @Funq("model")
    public ModelInfo model() {
        try (ModelHolder.Lease lease = models.lease()) {
            return recommender.info(lease.model());
        }
    }
}
