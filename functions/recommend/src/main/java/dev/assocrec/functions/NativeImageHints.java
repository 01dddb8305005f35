package dev.assocrec.functions;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes a native image must keep for reflection: DJL finds the ONNX Runtime engine by name, and
 * the request/response records are bound by Jackson from a JSON tree rather than by Funqy.
 */
@RegisterForReflection(targets = {
        ai.djl.onnxruntime.engine.OrtEngineProvider.class,
        ai.djl.onnxruntime.engine.OrtEngine.class,
        dev.assocrec.functions.api.RecommendRequest.class,
        dev.assocrec.functions.api.RelatedRequest.class,
        dev.assocrec.functions.api.HistoryItem.class,
        dev.assocrec.functions.api.Filters.class,
        dev.assocrec.functions.api.PriceRange.class,
        dev.assocrec.functions.api.ScoredItem.class,
        dev.assocrec.functions.api.Contribution.class,
        dev.assocrec.functions.api.RecommendResponse.class,
        dev.assocrec.functions.api.ModelInfo.class,
        dev.assocrec.functions.api.ModelInfo.Scoring.class,
        dev.assocrec.functions.api.ErrorResponse.class,
        dev.assocrec.contract.Manifest.class,
        dev.assocrec.contract.Manifest.FileEntry.class,
        dev.assocrec.contract.PoolingConfig.class,
        dev.assocrec.contract.ItemRecord.class})
final class NativeImageHints {
    private NativeImageHints() {}
}
