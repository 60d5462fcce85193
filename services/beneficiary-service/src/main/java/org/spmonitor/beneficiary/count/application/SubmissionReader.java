package org.spmonitor.beneficiary.count.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.validation.JsonPaths;
import org.spmonitor.platform.validation.Violations;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads submission JSON strictly, the same way for REST bodies, batch items and Kafka records: unknown
 * fields, fractions, numbers written as strings and trailing garbage are refused, and every problem is
 * named by its JSON path instead of failing the whole request at the first one.
 */
@Component
public class SubmissionReader {

    private final JsonMapper strict;

    public SubmissionReader(JsonMapper mapper) {
        this.strict = mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** One submission from raw bytes (a Kafka record value). */
    public Optional<BeneficiaryCountSubmission> read(byte[] json, Violations violations) {
        JsonNode tree;
        try {
            tree = strict.readTree(json);
        }
        catch (JacksonException ex) {
            violations.add("", "is not valid JSON: " + ex.getOriginalMessage());
            return Optional.empty();
        }
        return read(tree, violations);
    }

    /** One submission from a parsed tree; problems are added to {@code violations}. */
    public Optional<BeneficiaryCountSubmission> read(JsonNode tree, Violations violations) {
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            violations.add("", "must be a JSON object with the fields of a beneficiary count");
            return Optional.empty();
        }
        try {
            return Optional.of(strict.treeToValue(tree, BeneficiaryCountSubmission.class));
        }
        catch (JacksonException ex) {
            describe(ex, violations);
            return Optional.empty();
        }
    }

    /**
     * The items of a batch {@code {"items": [...]}}; each unreadable item is reported as
     * {@code items[i].field} and left out (the caller refuses the batch if anything was reported).
     */
    public List<BeneficiaryCountSubmission> readBatch(JsonNode body, Violations violations) {
        List<BeneficiaryCountSubmission> items = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!"items".equals(name)) {
                violations.add(name, "is not a known field");
            }
        });
        JsonNode array = body.get("items");
        if (array == null || !array.isArray()) {
            violations.add("items", "must be an array of beneficiary counts");
            return items;
        }
        for (int i = 0; i < array.size(); i++) {
            read(array.get(i), violations.nested("items", i)).ifPresent(items::add);
        }
        return items;
    }

    /** Whether a body is a batch ({@code {"items": [...]}}) rather than one count. */
    public static boolean isBatch(JsonNode body) {
        return body != null && body.isObject() && body.has("items");
    }

    static void describe(JacksonException ex, Violations violations) {
        String path = ex instanceof DatabindException databind ? JsonPaths.of(databind) : "";
        if (ex instanceof UnrecognizedPropertyException) {
            violations.add(path, "is not a known field");
        }
        else if (ex instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            violations.add(path, "has an invalid value '" + format.getValue() + "'; allowed: "
                    + List.of(format.getTargetType().getEnumConstants()));
        }
        else if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && (mismatch.getTargetType() == Long.class || mismatch.getTargetType() == long.class)) {
            violations.add(path, "must be a whole number of people (a JSON integer)");
        }
        else {
            violations.add(path, "has an invalid value: " + ex.getOriginalMessage());
        }
    }
}
