package org.spmonitor.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountReturned;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmissionRejected;
import org.spmonitor.events.beneficiary.BeneficiaryCountValidated;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.financing.FinancingReportReturned;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportValidated;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.GroupTargetPopulation;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.IndicatorResultReturned;
import org.spmonitor.events.programme.IndicatorResultValidated;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.events.reporting.DashboardUpdated;
import org.spmonitor.events.reporting.ReportingDataset;
import org.spmonitor.events.reporting.ReportingPeriodOverdue;

/**
 * Object mother: one realistic instance of every published payload, equal to its golden file
 * ({@code /golden/<EventName>.v1.json}). Change both together, or the contract tests fail.
 */
public final class SampleEvents {

    public static final String KHM_PROGRAMME = "prg-7k2m9q4x3t1a";
    public static final String SEN_PROGRAMME = "prg-3n8v5c2w6r0b";

    public static DomainEvent of(EventType type) {
        return switch (type) {
            case PROGRAMME_REGISTERED -> programmeRegistered();
            case PROGRAMME_UPDATED -> programmeUpdated();
            case MILESTONE_REPORTED -> milestoneReported();
            case INDICATOR_RESULT_REPORTED -> indicatorResultReported();
            case FINANCING_REPORT_SUBMITTED -> financingReportSubmitted();
            case FINANCING_REPORT_WITHDRAWN -> financingReportWithdrawn();
            case FINANCING_REPORT_VALIDATED -> financingReportValidated();
            case FINANCING_REPORT_RETURNED -> financingReportReturned();
            case INDICATOR_RESULT_VALIDATED -> indicatorResultValidated();
            case INDICATOR_RESULT_RETURNED -> indicatorResultReturned();
            case EXCHANGE_RATE_PUBLISHED -> exchangeRatePublished();
            case BENEFICIARY_COUNT_REPORTED -> beneficiaryCountReported();
            case BENEFICIARY_COUNT_WITHDRAWN -> beneficiaryCountWithdrawn();
            case BENEFICIARY_COUNT_VALIDATED -> beneficiaryCountValidated();
            case BENEFICIARY_COUNT_RETURNED -> beneficiaryCountReturned();
            case BENEFICIARY_COUNT_SUBMISSION_REJECTED -> beneficiaryCountSubmissionRejected();
            case DASHBOARD_UPDATED -> dashboardUpdated();
            case REPORTING_PERIOD_OVERDUE -> reportingPeriodOverdue();
        };
    }

    /** Cambodia's Family Package, registered with two annual targets, the first with target populations per group. */
    public static ProgrammeRegistered programmeRegistered() {
        return new ProgrammeRegistered(KHM_PROGRAMME, 1, "KHM",
                "Cambodia Family Package: cash transfers for the social protection floor",
                "Integrated cash transfers for pregnant women and children under two, persons with disabilities and "
                        + "older persons in IDPoor households, with SP&PFM support to the Ministry of Economy and Finance.",
                List.of("ILO", "UNICEF", "GCSPF"), List.of("EU"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE,
                List.of(FloorGuarantee.CHILDREN, FloorGuarantee.WORKING_AGE, FloorGuarantee.OLDER_PERSONS),
                List.of(Branch.FAMILY, Branch.MATERNITY, Branch.INVALIDITY, Branch.OLD_AGE),
                List.of(TargetGroup.MOTHERS_WITH_NEWBORNS, TargetGroup.CHILDREN, TargetGroup.PERSONS_WITH_DISABILITIES,
                        TargetGroup.OLDER_PERSONS, TargetGroup.POOR_AND_VULNERABLE),
                List.of(new AnnualTarget(2025, 1_850_000, 1_200_000, List.of(
                        new GroupTargetPopulation(TargetGroup.MOTHERS_WITH_NEWBORNS, 310_000),
                        new GroupTargetPopulation(TargetGroup.CHILDREN, 1_250_000),
                        new GroupTargetPopulation(TargetGroup.PERSONS_WITH_DISABILITIES, 95_000),
                        new GroupTargetPopulation(TargetGroup.OLDER_PERSONS, 210_000))),
                        new AnnualTarget(2026, 1_900_000, 1_400_000)),
                ReportingFrequency.QUARTERLY, 45);
    }

    /** Senegal's PNBSF gained a donor and a revised 2025 target (version 4). */
    public static ProgrammeUpdated programmeUpdated() {
        return new ProgrammeUpdated(SEN_PROGRAMME, 4, "SEN",
                "Programme national de bourses de sécurité familiale",
                "Quarterly cash transfers of XOF 35 000 to poor households registered in the Registre national unique, "
                        + "linked to the couverture maladie universelle.",
                List.of("ILO", "UNICEF"), List.of("EU", "World Bank"),
                LocalDate.of(2013, 10, 1), LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE,
                List.of(FloorGuarantee.CHILDREN, FloorGuarantee.WORKING_AGE),
                List.of(Branch.FAMILY),
                List.of(TargetGroup.POOR_AND_VULNERABLE, TargetGroup.CHILDREN),
                List.of(new AnnualTarget(2025, 545_000, 400_000)),
                List.of("donors", "annualTargets", "reportingFrequency"), ReportingFrequency.MONTHLY, 30);
    }

    public static MilestoneReported milestoneReported() {
        return new MilestoneReported(KHM_PROGRAMME, 5, "KHM", "mst-4d7h1p9z",
                "Sub-decree on the social protection floor adopted by the Council of Ministers",
                LocalDate.of(2025, 6, 30), MilestoneStatus.AT_RISK, LocalDate.of(2025, 5, 15),
                "Draft with the Council of Ministers; inter-ministerial review of the financing annex pending.");
    }

    public static IndicatorResultReported indicatorResultReported() {
        return new IndicatorResultReported(KHM_PROGRAMME, 6, "KHM", "SDG-1.3.1",
                "Proportion of population covered by at least one social protection benefit", "%",
                new BigDecimal("24.1"), 2020, new BigDecimal("40.0"), 2027, "2025", new BigDecimal("31.6"));
    }

    /** Cambodia's 2025 report in riel; one line has no executed amount yet. */
    public static FinancingReportSubmitted financingReportSubmitted() {
        return new FinancingReportSubmitted("fin-5q8w2e7r4t9y", 2, "KHM", "2025", "KHR",
                new BigDecimal("190500000000000.00"), new BigDecimal("31200000000000.00"), KHM_PROGRAMME,
                List.of(new FinancingLine(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX,
                                new BigDecimal("1250000000000.50"), new BigDecimal("987654321000.25")),
                        new FinancingLine(FinancingFunction.FAMILY, FundingSource.EXTERNAL_GRANT,
                                new BigDecimal("84000000000.00"), new BigDecimal("61250000000.00")),
                        new FinancingLine(FinancingFunction.OLD_AGE, FundingSource.SOCIAL_CONTRIBUTIONS,
                                new BigDecimal("1250000000.50"), null),
                        new FinancingLine(FinancingFunction.ADMINISTRATION, FundingSource.DOMESTIC_TAX,
                                new BigDecimal("42500000000.00"), new BigDecimal("39800000000.00"))));
    }

    public static FinancingReportWithdrawn financingReportWithdrawn() {
        return new FinancingReportWithdrawn("fin-2h6j9k3l5m8n", 3, "SEN", "2025Q1",
                "Duplicate of the consolidated annual report submitted by the Ministry of Finance and Budget");
    }

    /** A KHM validator validated version 2 of Cambodia's 2025 report (the review is version 3). */
    public static FinancingReportValidated financingReportValidated() {
        return new FinancingReportValidated("fin-5q8w2e7r4t9y", 3, 2, "KHM", "2025", KHM_PROGRAMME, "khm-validator",
                "Agrees with the 2025 budget execution report of the Ministry of Economy and Finance");
    }

    /** A SEN validator returned version 1 of a whole-country quarterly report, saying why. */
    public static FinancingReportReturned financingReportReturned() {
        return new FinancingReportReturned("fin-2h6j9k3l5m8n", 2, 1, "SEN", "2025Q1", null, "sen-validator",
                "The external grant line is in EUR, not XOF; please convert or report it in a separate report");
    }

    /** A KHM validator validated the 2025 coverage value reported in programme version 6, without a remark. */
    public static IndicatorResultValidated indicatorResultValidated() {
        return new IndicatorResultValidated(KHM_PROGRAMME, 7, 6, "KHM", "SDG-1.3.1", "2025", "khm-validator", null);
    }

    /** A SEN validator returned a quarterly value of the PNBSF households indicator. */
    public static IndicatorResultReturned indicatorResultReturned() {
        return new IndicatorResultReturned(SEN_PROGRAMME, 12, 11, "SEN", "PNBSF-HH", "2025Q1", "sen-validator",
                "Counts households registered, not households paid; report the paid ones");
    }

    public static ExchangeRatePublished exchangeRatePublished() {
        return new ExchangeRatePublished("XOF", 2025, 2, new BigDecimal("601.2350"), "BCEAO annual average");
    }

    /** Children receiving the Cambodian family benefit at the end of 2025Q2; no informal-economy split. */
    public static BeneficiaryCountReported beneficiaryCountReported() {
        return new BeneficiaryCountReported("cnt-9f3k2m7q1x4z", 2, KHM_PROGRAMME, "KHM", "2025Q2",
                TargetGroup.CHILDREN, Measure.ACTIVE, 412_380,
                new SexBreakdown(203_115L, 209_265L, null),
                new AgeBreakdown(412_380L, null, null, null),
                new YesNoBreakdown(6_210L, 398_455L, 7_715L),
                null);
    }

    public static BeneficiaryCountWithdrawn beneficiaryCountWithdrawn() {
        return new BeneficiaryCountWithdrawn("cnt-6b1n4v8c2x5z", 3, SEN_PROGRAMME, "SEN", "2025-03",
                TargetGroup.POOR_AND_VULNERABLE, Measure.NEW, "Entered against the wrong month; resubmitted for 2025-04");
    }

    /** A KHM validator validated version 2 of the Cambodian children count (the review is version 3). */
    public static BeneficiaryCountValidated beneficiaryCountValidated() {
        return new BeneficiaryCountValidated("cnt-9f3k2m7q1x4z", 3, 2, KHM_PROGRAMME, "KHM", "2025Q2",
                TargetGroup.CHILDREN, Measure.ACTIVE, "khm-validator", "Matches the IDPoor payroll of June 2025");
    }

    /** A SEN validator returned version 1 of a count to its reporter, saying why. */
    public static BeneficiaryCountReturned beneficiaryCountReturned() {
        return new BeneficiaryCountReturned("cnt-6b1n4v8c2x5z", 2, 1, SEN_PROGRAMME, "SEN", "2025-03",
                TargetGroup.POOR_AND_VULNERABLE, Measure.NEW, "sen-validator",
                "The sex breakdown counts households, not persons; please report persons");
    }

    /** What Senegal's social registry publishes for the PNBSF households active at the end of 2025Q1. */
    public static BeneficiaryCountSubmission beneficiaryCountSubmission() {
        return new BeneficiaryCountSubmission(SEN_PROGRAMME, "2025Q1", TargetGroup.POOR_AND_VULNERABLE, Measure.ACTIVE,
                316_941L,
                new SexBreakdown(187_220L, 129_721L, null),
                new AgeBreakdown(null, 241_506L, 69_870L, 5_565L),
                new YesNoBreakdown(11_873L, 305_068L, null),
                new YesNoBreakdown(274_102L, 30_215L, 12_624L));
    }

    /** A refused submission with a field reason and a whole-record reason (field null). */
    public static BeneficiaryCountSubmissionRejected beneficiaryCountSubmissionRejected() {
        return new BeneficiaryCountSubmissionRejected("3f1c9a7e-52d4-4b8e-9c61-0d2e8f4a6b13",
                Topics.BENEFICIARY_COUNT_SUBMISSIONS, 2, 18_734, "SEN", "sen-rnu-mis",
                List.of(new BeneficiaryCountSubmissionRejected.Reason("sex",
                                "female + male + unknown = 316940, but total is 316941"),
                        new BeneficiaryCountSubmissionRejected.Reason(null,
                                "record key KHM is not the country of programme prg-3n8v5c2w6r0b (SEN)")));
    }

    public static DashboardUpdated dashboardUpdated() {
        return new DashboardUpdated("KHM", 2025, 57, 1_034_512, 148_930, 1_850_000L,
                new BigDecimal("0.5592"), new BigDecimal("338414634.27"), new BigDecimal("265329268.41"),
                Instant.parse("2025-07-14T09:32:17.482Z"));
    }

    private SampleEvents() {
    }

    /** Cambodia's Family Package still owes two of its 2025Q1 counts 45 days after the quarter ended. */
    public static ReportingPeriodOverdue reportingPeriodOverdue() {
        return new ReportingPeriodOverdue(KHM_PROGRAMME, 1, "KHM", "2025Q1", ReportingDataset.BENEFICIARY_COUNTS,
                ReportingFrequency.QUARTERLY, 45, LocalDate.of(2025, 5, 15), 4, 2,
                List.of("CHILDREN/NEW", "OLDER_PERSONS/NEW"));
    }
}
