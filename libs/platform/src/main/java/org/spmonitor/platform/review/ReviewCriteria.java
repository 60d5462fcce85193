package org.spmonitor.platform.review;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The list filter on a stored submission's review state ({@code review=SUBMITTED} on the list endpoints):
 * a document stored before reviews existed has no state field and is SUBMITTED ({@link ReviewState#of}).
 */
public final class ReviewCriteria {

    private ReviewCriteria() {
    }

    /** Documents whose review state, kept in {@code field}, is {@code state}. */
    public static Criteria inState(String field, ReviewState state) {
        return state == ReviewState.SUBMITTED
                ? new Criteria().orOperator(Criteria.where(field).is(state.name()), Criteria.where(field).exists(false))
                : Criteria.where(field).is(state.name());
    }
}
