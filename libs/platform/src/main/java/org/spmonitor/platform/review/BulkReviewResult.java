package org.spmonitor.platform.review;

import java.util.List;
import java.util.function.Function;

import org.spmonitor.platform.write.WriteOutcome;

/**
 * What a bulk review answers (ADR 0019): the decision, how many submissions it reviewed, left unchanged
 * (a retry) or could not review (a conflict: changed meanwhile), and one item per submission covered.
 */
public record BulkReviewResult<T>(String decision, int reviewed, int unchanged, int conflicts, List<T> items) {

    /** Tallies {@code items}: reviewed when {@code outcome} is UPDATED, a conflict when {@code conflict} is set. */
    public static <T> BulkReviewResult<T> of(ReviewState decision, List<T> items, Function<T, WriteOutcome> outcome,
            Function<T, String> conflict) {
        int reviewed = (int) items.stream().filter(i -> outcome.apply(i) == WriteOutcome.UPDATED).count();
        int conflicts = (int) items.stream().filter(i -> conflict.apply(i) != null).count();
        return new BulkReviewResult<>(decision.name(), reviewed, items.size() - reviewed - conflicts, conflicts, items);
    }
}
