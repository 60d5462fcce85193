package org.spmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue in {@link EventType} matches the public contract of DESIGN.md, spelled out literally here. */
class EventCatalogueTest {

    private static final Map<EventType, String> TOPICS_IN_DESIGN = new EnumMap<>(Map.ofEntries(
            Map.entry(EventType.PROGRAMME_REGISTERED, "programmes.programme-events.v1"),
            Map.entry(EventType.PROGRAMME_UPDATED, "programmes.programme-events.v1"),
            Map.entry(EventType.MILESTONE_REPORTED, "programmes.programme-events.v1"),
            Map.entry(EventType.INDICATOR_RESULT_REPORTED, "programmes.programme-events.v1"),
            Map.entry(EventType.FINANCING_REPORT_SUBMITTED, "financing.financing-report-events.v1"),
            Map.entry(EventType.FINANCING_REPORT_WITHDRAWN, "financing.financing-report-events.v1"),
            Map.entry(EventType.FINANCING_REPORT_VALIDATED, "financing.financing-report-events.v1"),
            Map.entry(EventType.FINANCING_REPORT_RETURNED, "financing.financing-report-events.v1"),
            Map.entry(EventType.INDICATOR_RESULT_VALIDATED, "programmes.programme-events.v1"),
            Map.entry(EventType.INDICATOR_RESULT_RETURNED, "programmes.programme-events.v1"),
            Map.entry(EventType.EXCHANGE_RATE_PUBLISHED, "financing.financing-report-events.v1"),
            Map.entry(EventType.BENEFICIARY_COUNT_REPORTED, "beneficiaries.beneficiary-count-events.v1"),
            Map.entry(EventType.BENEFICIARY_COUNT_WITHDRAWN, "beneficiaries.beneficiary-count-events.v1"),
            Map.entry(EventType.BENEFICIARY_COUNT_VALIDATED, "beneficiaries.beneficiary-count-events.v1"),
            Map.entry(EventType.BENEFICIARY_COUNT_RETURNED, "beneficiaries.beneficiary-count-events.v1"),
            Map.entry(EventType.BENEFICIARY_COUNT_SUBMISSION_REJECTED, "beneficiaries.submission-rejections.v1"),
            Map.entry(EventType.DASHBOARD_UPDATED, "reporting.dashboard-updates.v1"),
            Map.entry(EventType.REPORTING_PERIOD_OVERDUE, "reporting.completeness-events.v1")));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventIsPublishedOnTheTopicNamedInTheDesign(EventType type) {
        assertThat(type.topic()).isEqualTo(TOPICS_IN_DESIGN.get(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void typeNameIsVersionedPastTenseAndNamesThePayload(EventType type) {
        assertThat(type.typeName())
                .matches("org\\.spmonitor\\.[a-z]+\\.[A-Za-z]+\\.v1")
                .isEqualTo("org.spmonitor." + type.topic().substring(0, type.topic().indexOf('.')) + "."
                        + type.eventName() + ".v1")
                .doesNotContain("Event.");
        assertThat(type.payloadType().getSimpleName()).isEqualTo(type.eventName());
        assertThat(EventType.fromTypeName(type.typeName())).contains(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventHasItsSchemaAndGoldenFileOnTheClasspath(EventType type) {
        assertThat(EventType.class.getResource(type.schemaResource())).as(type.schemaResource()).isNotNull();
        assertThat(EventType.class.getResource(type.goldenResource())).as(type.goldenResource()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void dataSchemaHeaderIsTheIdOfThePublishedSchema(EventType type) {
        var schema = Schemas.tree(ContractPayload.of(type).schemaText());

        assertThat(schema.path("$id").asText()).isEqualTo(type.dataSchema());
        assertThat(schema.path("title").asText()).isEqualTo(type.eventName());
    }

    @Test
    void inboundSubmissionsTopicAndSchemaArePublishedToo() {
        ContractPayload submission = ContractPayload.submission();

        assertThat(Topics.BENEFICIARY_COUNT_SUBMISSIONS).isEqualTo("beneficiaries.beneficiary-count-submissions.v1");
        assertThat(Schemas.tree(submission.schemaText()).path("$id").asText())
                .isEqualTo("https://spmonitor.org/schemas/BeneficiaryCountSubmission.v1.schema.json");
        assertThat(EventType.class.getResource(submission.goldenResource())).isNotNull();
    }

    @Test
    void everyTopicCarriesOneAggregateFamilyAndIsVersioned() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic).distinct())
                .allSatisfy(topic -> assertThat(topic).matches("[a-z]+\\.[a-z-]+\\.v1"))
                .containsExactlyInAnyOrder(Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS,
                        Topics.BENEFICIARY_COUNT_EVENTS, Topics.SUBMISSION_REJECTIONS, Topics.DASHBOARD_UPDATES,
                        Topics.COMPLETENESS_EVENTS);
    }
}
