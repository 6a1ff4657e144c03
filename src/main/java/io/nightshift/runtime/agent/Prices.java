package io.nightshift.runtime.agent;

import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.llm.Pricing;
import io.nightshift.runtime.UnusableInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The price of each model: the operator's override from {@code NIGHTSHIFT_PRICES}, else the catalog's published
 * price, else unknown (never zero). The variable holds {@code model=input/output[/cached_input[/cache_write]]}
 * entries, USD per million tokens, separated by commas, e.g. {@code my-model=0.5/1.5,claude-sonnet-4-5=3/15/0.3}.
 */
public final class Prices {

    public static final String VARIABLE = "NIGHTSHIFT_PRICES";

    private final Supplier<ModelCatalog> catalog;
    private final Map<String, Pricing> given;
    private volatile Map<String, Pricing> overrides;

    public Prices(ModelCatalog catalog, Map<String, Pricing> overrides) {
        this(() -> catalog, overrides);
    }

    /**
     * The catalog is asked for only when a price is (issue 21: reading it cost a simulated run a fifth of its
     * start-up); the overrides are checked at once, so a bad {@value #VARIABLE} still fails before the run starts.
     */
    private Prices(Supplier<ModelCatalog> catalog, Map<String, Pricing> overrides) {
        this.catalog = catalog;
        this.given = Map.copyOf(overrides);
    }

    private Map<String, Pricing> overrides() {
        Map<String, Pricing> byId = overrides;
        if (byId == null) {
            Map<String, Pricing> keyed = new LinkedHashMap<>();
            given.forEach((model, pricing) -> keyed.put(canonical(catalog.get(), model), pricing));
            byId = Map.copyOf(keyed);
            overrides = byId;
        }
        return byId;
    }

    /** An alias the catalog knows stands for its model's id, so overriding {@code sonnet} prices its model. */
    private static String canonical(ModelCatalog catalog, String model) {
        return catalog.getModelInfo(model).map(ModelInfo::id).orElse(model);
    }

    /** The catalog's prices with the overrides of {@code environment}'s {@value #VARIABLE}. */
    public static Prices fromEnvironment(Map<String, String> environment) {
        return new Prices(ModelCatalog::builtIn, parse(environment.get(VARIABLE)));
    }

    /** The model's prices (by id or catalog alias), or empty when nobody knows them. */
    public Optional<Pricing> of(String model) {
        ModelCatalog models = catalog.get();
        Pricing own = overrides().get(canonical(models, model));
        return own != null ? Optional.of(own) : models.getModelInfo(model).flatMap(ModelInfo::pricing);
    }

    /** @throws UnusableInputException naming the bad entry and how to write it */
    static Map<String, Pricing> parse(String text) {
        Map<String, Pricing> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String[] parts = eq < 0 ? new String[0] : entry.substring(eq + 1).trim().split("/");
            if (eq <= 0 || parts.length < 2 || parts.length > 4) {
                throw bad(entry);
            }
            try {
                double[] p = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    p[i] = Double.parseDouble(parts[i].trim());
                }
                out.put(entry.substring(0, eq).trim(), new Pricing(p[0], p[1], p.length > 2 ? p[2] : null,
                        p.length > 3 ? p[3] : null));
            } catch (IllegalArgumentException e) {
                throw bad(entry);
            }
        }
        return out;
    }

    private static UnusableInputException bad(String entry) {
        return new UnusableInputException(VARIABLE + ": cannot read '" + entry.trim() + "'; write model=input/output"
                + "[/cached_input[/cache_write]] in USD per million tokens, e.g. claude-sonnet-4-5=3/15/0.3/3.75");
    }
}
