package org.spmonitor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/**
 * The review filter of a list endpoint ({@code review=SUBMITTED|VALIDATED|RETURNED}, ADR 0019), checked the
 * same way for beneficiary counts and financing reports: a validator lists what waits for review.
 */
public final class ReviewLists {

    private ReviewLists() {
    }

    /**
     * Asserts that {@code list} (a list path with the country filter, e.g. {@code /api/v1/beneficiary-counts?country=TCD},
     * holding exactly three submissions) lists {@code waiting} alone as SUBMITTED, {@code returned} with
     * {@code comment} as RETURNED, {@code validated} as VALIDATED, all three without the filter, and refuses an
     * unknown state naming the field.
     */
    public static void assertListedByReviewState(ApiClient validator, String list, String idField, String waiting,
            String returned, String validated, String comment) {
        JsonNode submitted = validator.get(list + "&review=SUBMITTED").json();
        assertThat(submitted.get("items").findValuesAsString(idField)).containsExactly(waiting);
        assertThat(submitted.get("totalItems").asLong()).isEqualTo(1);
        JsonNode sentBack = validator.get(list + "&review=RETURNED").json().get("items");
        assertThat(sentBack.findValuesAsString(idField)).containsExactly(returned);
        assertThat(sentBack.findValuesAsString("reviewComment")).containsExactly(comment);
        assertThat(validator.get(list + "&review=VALIDATED").json().get("items").findValuesAsString(idField))
                .containsExactly(validated);
        assertThat(validator.get(list).json().get("totalItems").asLong()).isEqualTo(3);
        ApiClient.Response bad = validator.get(list + "&review=PENDING");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("review");
    }
}
