package org.spmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic mistakes a producer or an integrating system makes, each applied to a golden file: the
 * schema must refuse every one, for the intended reason (the JSON Schema keyword that fails).
 */
class SchemaRejectsBadPayloadsTest {

    /** A golden file with one property replaced ({@code json} is its new value) or removed ({@code json} null). */
    record BadVariant(String payload, String mistake, String pointer, String json, String failingKeyword) {

        @Override
        public String toString() {
            return payload + ": " + mistake;
        }
    }

    static Stream<BadVariant> badVariants() {
        return Stream.of(
                bad("ProgrammeRegistered", "lowercase country", "/country", "\"khm\"", "pattern"),
                bad("ProgrammeRegistered", "ISO2 country", "/country", "\"KH\"", "pattern"),
                bad("ProgrammeRegistered", "unknown status", "/status", "\"RUNNING\"", "enum"),
                bad("ProgrammeRegistered", "unknown floor guarantee", "/floorGuarantees/0", "\"PENSIONS\"", "enum"),
                bad("ProgrammeRegistered", "same branch twice", "/branches/1", "\"FAMILY\"", "uniqueItems"),
                bad("ProgrammeRegistered", "negative target population", "/annualTargets/0/targetPopulation", "-5",
                        "minimum"),
                bad("ProgrammeRegistered", "zero target population of a group",
                        "/annualTargets/0/groupTargetPopulations/1/targetPopulation", "0", "minimum"),
                bad("ProgrammeRegistered", "target population of an unknown group",
                        "/annualTargets/0/groupTargetPopulations/0/targetGroup", "\"WIDOWS\"", "enum"),
                bad("ProgrammeRegistered", "date not in ISO form", "/startDate", "\"01/01/2024\"", "pattern"),
                bad("ProgrammeRegistered", "no name", "/name", null, "required"),
                bad("ProgrammeUpdated", "no version", "/version", null, "required"),
                bad("ProgrammeUpdated", "financing function given as a C102 branch", "/branches/0", "\"HEALTH\"", "enum"),
                bad("ProgrammeUpdated", "version as a string", "/version", "\"4\"", "type"),
                bad("MilestoneReported", "unknown milestone status", "/status", "\"DONE\"", "enum"),
                bad("MilestoneReported", "impossible due date", "/dueDate", "\"2025-02-30\"", "format"),
                bad("MilestoneReported", "no milestone id", "/milestoneId", null, "required"),
                bad("IndicatorResultReported", "actual value as a JSON number", "/actualValue", "31.6", "type"),
                bad("IndicatorResultReported", "fifth quarter", "/period", "\"2025Q5\"", "pattern"),
                bad("IndicatorResultReported", "thirteenth month", "/period", "\"2025-13\"", "pattern"),
                bad("IndicatorResultReported", "DHIS2 month not normalised", "/period", "\"202501\"", "pattern"),
                bad("IndicatorResultReported", "decimal comma", "/baselineValue", "\"24,1\"", "pattern"),
                bad("FinancingReportSubmitted", "amount as a JSON number", "/lines/0/allocated", "1250000000000.5",
                        "type"),
                bad("FinancingReportSubmitted", "amount in exponent notation", "/lines/0/allocated", "\"1.25E+12\"",
                        "pattern"),
                bad("FinancingReportSubmitted", "negative amount", "/lines/1/executed", "\"-61250000000.00\"",
                        "pattern"),
                bad("FinancingReportSubmitted", "amount with thousands separators", "/gdp", "\"190,500,000,000,000\"",
                        "pattern"),
                bad("FinancingReportSubmitted", "lowercase currency", "/currency", "\"khr\"", "pattern"),
                bad("FinancingReportSubmitted", "unknown function", "/lines/0/function", "\"EDUCATION\"", "enum"),
                bad("FinancingReportSubmitted", "line with neither allocated nor executed", "/lines/2/allocated", null,
                        "required"),
                bad("FinancingReportSubmitted", "no currency", "/currency", null, "required"),
                bad("FinancingReportWithdrawn", "fiscal-year label instead of a period", "/period", "\"FY2025\"",
                        "pattern"),
                bad("FinancingReportWithdrawn", "no report id", "/reportId", null, "required"),
                bad("ExchangeRatePublished", "rate of zero", "/unitsPerUsd", "\"0.0000\"", "pattern"),
                bad("ExchangeRatePublished", "rate as a JSON number", "/unitsPerUsd", "601.235", "type"),
                bad("ExchangeRatePublished", "mixed-case currency", "/currency", "\"Xof\"", "pattern"),
                bad("ExchangeRatePublished", "no year", "/year", null, "required"),
                bad("BeneficiaryCountReported", "negative total", "/total", "-1", "minimum"),
                bad("BeneficiaryCountReported", "total as a string", "/total", "\"412380\"", "type"),
                bad("BeneficiaryCountReported", "fractional count", "/sex/female", "203115.5", "type"),
                bad("BeneficiaryCountReported", "unknown measure", "/measure", "\"STOCK\"", "enum"),
                bad("BeneficiaryCountReported", "sex breakdown with an extra part", "/sex/other", "12",
                        "additionalProperties"),
                bad("BeneficiaryCountReported", "age group not in the contract", "/ageGroup/0-14", "1200",
                        "additionalProperties"),
                bad("BeneficiaryCountWithdrawn", "unknown target group", "/targetGroup", "\"YOUTH\"", "enum"),
                bad("BeneficiaryCountWithdrawn", "no count id", "/countId", null, "required"),
                bad("BeneficiaryCountValidated", "no reviewed version", "/reviewedVersion", null, "required"),
                bad("FinancingReportValidated", "no reviewed version", "/reviewedVersion", null, "required"),
                bad("FinancingReportReturned", "no comment", "/comment", null, "required"),
                bad("IndicatorResultValidated", "no validator", "/validatedBy", null, "required"),
                bad("IndicatorResultReturned", "empty comment", "/comment", "\"\"", "minLength"),
                bad("BeneficiaryCountValidated", "no validator", "/validatedBy", null, "required"),
                bad("BeneficiaryCountReturned", "no comment", "/comment", null, "required"),
                bad("BeneficiaryCountReturned", "empty comment", "/comment", "\"\"", "minLength"),
                bad("BeneficiaryCountSubmission", "no total", "/total", null, "required"),
                bad("BeneficiaryCountSubmission", "no programme id", "/programmeId", null, "required"),
                bad("BeneficiaryCountSubmission", "DHIS2 quarter with a dash", "/period", "\"2025-Q1\"", "pattern"),
                bad("BeneficiaryCountSubmission", "country, which comes from the record key", "/country", "\"SEN\"",
                        "additionalProperties"),
                bad("BeneficiaryCountSubmission", "negative disaggregation", "/informalEconomy/unknown", "-3",
                        "minimum"),
                bad("BeneficiaryCountSubmissionRejected", "no reasons", "/reasons", "[]", "minItems"),
                bad("BeneficiaryCountSubmissionRejected", "reason without a message", "/reasons/0/message", null,
                        "required"),
                bad("BeneficiaryCountSubmissionRejected", "negative offset", "/originalOffset", "-1", "minimum"),
                bad("DashboardUpdated", "coverage rate as a JSON number", "/coverageRate", "0.5592", "type"),
                bad("DashboardUpdated", "negative coverage rate", "/coverageRate", "\"-0.1\"", "pattern"),
                bad("DashboardUpdated", "freshness not an instant", "/newestEventTime", "\"yesterday\"", "format"),
                bad("DashboardUpdated", "freshness with a local offset", "/newestEventTime",
                        "\"2025-07-14T16:32:17+07:00\"", "pattern"),
                bad("DashboardUpdated", "no country", "/country", null, "required"),
                bad("ReportingPeriodOverdue", "unknown dataset", "/dataset", "\"MILESTONES\"", "enum"),
                bad("ReportingPeriodOverdue", "nothing missing", "/missing", "[]", "minItems"),
                bad("ReportingPeriodOverdue", "due lag over a year", "/dueLagDays", "400", "maximum"));
    }

    @ParameterizedTest
    @MethodSource("badVariants")
    void schemaRejectsBadVariant(BadVariant variant) {
        ContractPayload payload = ContractPayload.named(variant.payload());
        JsonNode bad = apply(variant, Schemas.tree(payload.goldenText()));

        Set<ValidationMessage> errors = Schemas.validate(payload, bad);

        assertThat(errors).as("errors for %s", bad).isNotEmpty();
        assertThat(errors.stream().map(ValidationMessage::getType).collect(Collectors.toSet()))
                .as("failing keywords; errors %s", errors)
                .contains(variant.failingKeyword());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventHasAtLeastOneBadVariant(EventType type) {
        assertThat(badVariants()).anySatisfy(variant -> assertThat(variant.payload()).isEqualTo(type.eventName()));
    }

    private static BadVariant bad(String payload, String mistake, String pointer, String json, String failingKeyword) {
        return new BadVariant(payload, mistake, pointer, json, failingKeyword);
    }

    private static JsonNode apply(BadVariant variant, JsonNode golden) {
        JsonPointer pointer = JsonPointer.compile(variant.pointer());
        JsonNode parent = golden.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        assertThat(parent.isContainerNode()).as("%s exists in the golden file", pointer.head()).isTrue();
        if (variant.json() == null) {
            assertThat(parent.has(last)).as("%s exists in the golden file", variant.pointer()).isTrue();
            ((ObjectNode) parent).remove(last);
        }
        else if (parent instanceof ArrayNode array) {
            array.set(pointer.last().getMatchingIndex(), Schemas.tree(variant.json()));
        }
        else {
            ((ObjectNode) parent).set(last, Schemas.tree(variant.json()));
        }
        return golden;
    }
}
