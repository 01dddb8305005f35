package dev.assocrec.training.pipeline;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.training.graph.GraphConfig;
import dev.assocrec.training.ingest.IngestSettings;
import dev.assocrec.training.model.GcnConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Named training recipes in a JSON file (comments allowed). A recipe lists only what it changes, either from
 * the code's defaults ({@link GraphConfig#defaults()}, {@link GcnConfig#defaults()}, no refit, the ingest
 * half-life) or, with {@code "extends": "name"}, from another recipe of the same file or of its parent file.
 * The product's recipes, one per kind of input, are {@code recipes.json} beside this class; the quality
 * harness's per-data-set recipes extend them.
 */
public final class Recipes {
    static final String EXTENDS = "extends";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final Recipes PRODUCT = load(Recipes.class.getResource("recipes.json"), null);

    private final String source;
    private final Map<String, ObjectNode> recipes;
    private final Recipes parent;

    private Recipes(String source, Map<String, ObjectNode> recipes, Recipes parent) {
        this.source = source;
        this.recipes = recipes;
        this.parent = parent;
    }

    /** The product's recipes (training/src/main/resources/.../pipeline/recipes.json). */
    public static Recipes product() {
        return PRODUCT;
    }

    /** A recipe file whose recipes may extend the parent's (null: only the code's defaults). */
    public static Recipes load(URL resource, Recipes parent) {
        Objects.requireNonNull(resource, "recipe file not found");
        try (InputStream in = resource.openStream()) {
            JsonNode root = JSON.readTree(in);
            if (!(root instanceof ObjectNode file)) {
                throw new IllegalArgumentException(resource + ": expected an object of named recipes");
            }
            Map<String, ObjectNode> recipes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = file.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!(e.getValue() instanceof ObjectNode recipe)) {
                    throw new IllegalArgumentException(resource + ": recipe '" + e.getKey() + "' is not an object");
                }
                recipes.put(e.getKey(), recipe);
            }
            return new Recipes(resource.toString(), recipes, parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recipes " + resource + ": " + e.getMessage(), e);
        }
    }

    public boolean has(String name) {
        return recipes.containsKey(name) || parent != null && parent.has(name);
    }

    /** The recipe with everything it extends applied, as one object ({@code graph}, {@code gcn}, ...; no {@code extends}). */
    public ObjectNode resolve(String name) {
        return resolve(name, new LinkedHashSet<>());
    }

    private ObjectNode resolve(String name, Set<String> chain) {
        ObjectNode own = recipes.get(name);
        if (own == null) {
            if (parent != null && parent.has(name)) {
                return parent.resolve(name);
            }
            throw new IllegalArgumentException("no recipe '" + name + "' in " + source + " (" + recipes.keySet() + ")");
        }
        if (!chain.add(name)) {
            throw new IllegalArgumentException("recipes in " + source + " extend each other in a circle: " + chain);
        }
        ObjectNode merged = own.has(EXTENDS) ? base(own.get(EXTENDS).asText(), name, chain) : codeDefaults();
        merge(merged, own);
        merged.remove(EXTENDS);
        return merged;
    }

    /** A recipe extends one of its own file first; a recipe that extends its own name means the parent's. */
    private ObjectNode base(String base, String name, Set<String> chain) {
        if (!base.equals(name) && recipes.containsKey(base)) {
            return resolve(base, chain);
        }
        if (parent != null && parent.has(base)) {
            return parent.resolve(base);
        }
        throw new IllegalArgumentException("recipe '" + name + "' in " + source + " extends unknown '" + base + "'");
    }

    /** The resolved recipe as {@code type} (a record whose components are the recipe's keys; unknown keys fail). */
    public <T> T read(String name, Class<T> type) {
        try {
            return JSON.treeToValue(resolve(name), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("recipe '" + name + "' in " + source + ": " + e.getMessage(), e);
        }
    }

    /** A product recipe as the training run's defaults. */
    public TrainingDefaults defaults(String name) {
        Entry e = read(name, Entry.class);
        return new TrainingDefaults(new TrainingSettings(e.graph(), e.gcn(), e.refit()), e.positionalHalfLife(),
                PoolingOption.parse(e.pooling(), "recipe '" + name + "': pooling"));
    }

    private record Entry(GraphConfig graph, GcnConfig gcn, boolean refit, double positionalHalfLife, String pooling) {}

    private static ObjectNode codeDefaults() {
        ObjectNode d = JSON.createObjectNode();
        d.set("graph", JSON.valueToTree(GraphConfig.defaults()));
        d.set("gcn", JSON.valueToTree(GcnConfig.defaults()));
        d.put("refit", false);
        d.put("positionalHalfLife", IngestSettings.DEFAULT_POSITIONAL_HALF_LIFE);
        d.put("pooling", "auto");
        return d;
    }

    /** Objects merge key by key; anything else replaces. */
    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
