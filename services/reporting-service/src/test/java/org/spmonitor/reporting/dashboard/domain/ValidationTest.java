package org.spmonitor.reporting.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The share validated of each dataset and over all of them (ADR 0019), from a tally of facts. */
class ValidationTest {

    @Test
    void givesTheShareOfEachDatasetAndTheOverallShareAsARatioOfTheSums() {
        // 3 of 4 counts, 1 of 2 financing reports, 0 of 1 indicator result: overall 4 of 7, not the mean of the shares
        Validation v = Validation.of(Validation.ALL, new ValidationTally(4, 3, 2, 1, 1, 0));

        assertThat(v.view()).isEqualTo("all");
        assertThat(v.facts()).as("the first fields stay about beneficiary counts").isEqualTo(4);
        assertThat(v.validatedFacts()).isEqualTo(3);
        assertThat(v.validatedShare()).isEqualByComparingTo("0.75");
        assertThat(v.byDataset().beneficiaryCounts()).isEqualTo(Validation.Share.of(4, 3));
        assertThat(v.byDataset().financingReports().facts()).isEqualTo(2);
        assertThat(v.byDataset().financingReports().validatedFacts()).isEqualTo(1);
        assertThat(v.byDataset().financingReports().validatedShare()).isEqualByComparingTo("0.5");
        assertThat(v.byDataset().indicatorResults().validatedShare()).isEqualByComparingTo("0");
        assertThat(v.overall().facts()).isEqualTo(7);
        assertThat(v.overall().validatedFacts()).isEqualTo(4);
        assertThat(v.overall().validatedShare()).isEqualTo("0.5714");
    }

    @Test
    void aDatasetWithoutFactsHasAMissingShareAndDoesNotWeighOnTheOverallOne() {
        Validation v = Validation.of(Validation.VALIDATED, ValidationTally.ofFinancing(3, 3));

        assertThat(v.validatedOnly()).isTrue();
        assertThat(v.facts()).isZero();
        assertThat(v.validatedShare()).as("no counts: missing, never 0").isNull();
        assertThat(v.byDataset().indicatorResults().validatedShare()).isNull();
        assertThat(v.byDataset().financingReports().validatedShare()).isEqualByComparingTo("1");
        assertThat(v.overall().validatedShare()).isEqualByComparingTo("1");
        assertThat(Validation.of(Validation.ALL, ValidationTally.NONE).overall().validatedShare()).isNull();
    }

    @Test
    void sharesAreRoundedHalfEvenToFourDecimals() {
        assertThat(Validation.Share.of(3, 1).validatedShare()).isEqualTo("0.3333");
        assertThat(Validation.Share.of(3, 2).validatedShare()).isEqualTo("0.6667");
        assertThat(Validation.Share.of(80_000, 1).validatedShare()).as("a share below 0.00005 shows as 0").isEqualTo("0.0000");
    }

    @Test
    void talliesAddUpDatasetByDataset() {
        ValidationTally part = ValidationTally.ofCountsAndIndicators(2, 1, 3, 2);
        ValidationTally financing = ValidationTally.ofFinancing(1, 1);

        assertThat(ValidationTally.sum(List.of(part, part, financing)))
                .isEqualTo(new ValidationTally(4, 2, 1, 1, 6, 4));
        assertThat(ValidationTally.sum(List.of())).isEqualTo(ValidationTally.NONE);
    }

    @Test
    void refusesATallyWithMoreValidatedThanFacts() {
        assertThatThrownBy(() -> ValidationTally.ofFinancing(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("financingReports");
        assertThatThrownBy(() -> ValidationTally.ofCountsAndIndicators(-1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
