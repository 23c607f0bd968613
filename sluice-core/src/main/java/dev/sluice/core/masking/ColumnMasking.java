package dev.sluice.core.masking;

import java.util.List;
import java.util.Objects;

/**
 * What a policy says about one output column, once its source column is known ({@link MaskingPolicy#lookup}).
 * Switch over it exhaustively; the protocol side asks once per column of a result, then applies the answer to
 * every row.
 */
public sealed interface ColumnMasking {

    ColumnMasking UNPROTECTED = new Unprotected();

    /** The rules that apply, for the audit log's "which rules fired". */
    List<ColumnRule> rules();

    /** No rule names the column; only the detectors' content net applies. */
    record Unprotected() implements ColumnMasking {
        @Override
        public List<ColumnRule> rules() {
            return List.of();
        }
    }

    /** Every value of the column is masked by one strategy. */
    record Whole(ColumnRule rule) implements ColumnMasking {
        public Whole {
            Objects.requireNonNull(rule, "rule");
        }

        public MaskStrategy strategy() {
            return rule.strategy();
        }

        @Override
        public List<ColumnRule> rules() {
            return List.of(rule);
        }
    }

    /**
     * The column holds JSON documents; these places inside them are masked, in order (a place an earlier rule
     * already masked is left alone). The rest of the document passes to the detectors' content net.
     */
    record JsonPaths(List<ColumnRule> rules) implements ColumnMasking {
        public JsonPaths {
            rules = List.copyOf(rules);
            if (rules.isEmpty() || rules.stream().anyMatch(ColumnRule::isWholeColumn)) {
                throw new IllegalArgumentException("JsonPaths needs at least one rule, each with a JSON path");
            }
        }

        /**
         * The document with every place these rules name masked.
         *
         * @throws UndecodableValueException when {@code json} is not a JSON document
         */
        public String mask(String json) throws UndecodableValueException {
            return JsonMasking.mask(json, rules);
        }
    }
}
