package org.spmonitor.reporting.testdata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountReturned;
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

/** Object mother of the events reporting-service projects, with the figures the tests compute by hand. */
public final class Facts {

    public static ProgrammeRegistered programme(String id, String country, Long targetPopulation2025) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id, "A family cash transfer",
                List.of("ILO", "UNICEF"), List.of("EU"), LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31),
                ProgrammeStatus.ACTIVE, List.of(FloorGuarantee.CHILDREN), List.of(Branch.FAMILY),
                List.of(TargetGroup.CHILDREN),
                targetPopulation2025 == null ? List.of()
                        : List.of(new AnnualTarget(2025, targetPopulation2025, targetPopulation2025 / 2)));
    }

    /** As {@link #programme}, funded by {@code donor} alone. */
    public static ProgrammeRegistered programmeFundedBy(String id, String country, String donor) {
        ProgrammeRegistered p = programme(id, country, 1_000_000L);
        return new ProgrammeRegistered(p.programmeId(), p.version(), p.country(), p.name(), p.description(),
                p.partners(), List.of(donor), p.startDate(), p.endDate(), p.status(), p.floorGuarantees(),
                p.branches(), p.targetGroups(), p.annualTargets());
    }

    /**
     * {@code p} as updated to {@code version}: funded by {@code donors}, reporting at {@code frequency} due
     * {@code lag} days after each period (null: no schedule declared), everything else as registered.
     */
    public static ProgrammeUpdated updated(ProgrammeRegistered p, long version, List<String> donors,
            ReportingFrequency frequency, Integer lag) {
        return new ProgrammeUpdated(p.programmeId(), version, p.country(), p.name(), p.description(), p.partners(),
                donors, p.startDate(), p.endDate(), p.status(), p.floorGuarantees(), p.branches(), p.targetGroups(),
                p.annualTargets(), List.of("donors", "reportingFrequency"), frequency, lag);
    }

    /** A programme for children running in one year only, reporting at {@code frequency}, due {@code lag} days after. */
    public static ProgrammeRegistered scheduledProgramme(String id, String country, int year,
            ReportingFrequency frequency, int lag) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id, null, List.of("ILO"), List.of("EU"),
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), ProgrammeStatus.ACTIVE, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN), List.of(), frequency, lag);
    }

    /** A programme running in one year only, with a target population for it. */
    public static ProgrammeRegistered programmeWithTarget(String id, String country, int year, long targetPopulation) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id, null, List.of("ILO"), List.of("EU"),
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), ProgrammeStatus.ACTIVE, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN), List.of(new AnnualTarget(year, targetPopulation, targetPopulation / 2)));
    }

    /**
     * A programme for children, older persons and persons with disabilities in {@code year}, with target
     * populations for children and older persons only (persons with disabilities have none).
     */
    public static ProgrammeRegistered programmeWithGroupTargets(String id, String country, int year, long children,
            long older) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id, null, List.of("ILO"), List.of("EU"),
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), ProgrammeStatus.ACTIVE, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN, TargetGroup.OLDER_PERSONS, TargetGroup.PERSONS_WITH_DISABILITIES),
                List.of(new AnnualTarget(year, children + older, (children + older) / 2, List.of(
                        new GroupTargetPopulation(TargetGroup.CHILDREN, children),
                        new GroupTargetPopulation(TargetGroup.OLDER_PERSONS, older)))));
    }

    /** An ACTIVE count of one target group (split as {@link #count}). */
    public static BeneficiaryCountReported active(String programmeId, String country, String period,
            TargetGroup group, long total) {
        BeneficiaryCountReported c = count(programmeId, country, period, Measure.ACTIVE, 1, total);
        return new BeneficiaryCountReported("cnt-" + programmeId + "-" + period + "-" + group + "-ACTIVE", 1,
                programmeId, country, period, group, Measure.ACTIVE, total, c.sex(), c.ageGroup(), c.withDisability(),
                c.informalEconomy());
    }

    public static BeneficiaryCountReported active(String programmeId, String country, String period, long total) {
        return count(programmeId, country, period, Measure.ACTIVE, 1, total);
    }

    public static BeneficiaryCountReported added(String programmeId, String country, String period, long total) {
        return count(programmeId, country, period, Measure.NEW, 1, total);
    }

    /** A count split 60/40 female/male, a quarter children, a tenth with a disability, half informal. */
    public static BeneficiaryCountReported count(String programmeId, String country, String period, Measure measure,
            long version, long total) {
        long female = total * 6 / 10;
        long children = total / 4;
        long disabled = total / 10;
        long informal = total / 2;
        return new BeneficiaryCountReported(countId(programmeId, period, measure), version, programmeId, country,
                period, TargetGroup.CHILDREN, measure, total, new SexBreakdown(female, total - female, null),
                new AgeBreakdown(children, total - children, null, null),
                new YesNoBreakdown(disabled, total - disabled, null),
                new YesNoBreakdown(informal, total - informal, null));
    }

    public static BeneficiaryCountWithdrawn withdrawn(BeneficiaryCountReported count) {
        return new BeneficiaryCountWithdrawn(count.countId(), count.version() + 1, count.programmeId(), count.country(),
                count.period(), count.targetGroup(), count.measure(), "reported twice by mistake");
    }

    /** A validator of the count's country validated {@code count} (the review is the next version). */
    public static BeneficiaryCountValidated validated(BeneficiaryCountReported count) {
        return new BeneficiaryCountValidated(count.countId(), count.version() + 1, count.version(), count.programmeId(),
                count.country(), count.period(), count.targetGroup(), count.measure(), "test-validator", null);
    }

    /** A validator of the count's country returned {@code count} to its reporter. */
    public static BeneficiaryCountReturned returned(BeneficiaryCountReported count) {
        return new BeneficiaryCountReturned(count.countId(), count.version() + 1, count.version(), count.programmeId(),
                count.country(), count.period(), count.targetGroup(), count.measure(), "test-validator",
                "the total counts households, not persons");
    }

    public static String countId(String programmeId, String period, Measure measure) {
        return "cnt-" + programmeId + "-" + period + "-" + measure;
    }

    /** A report with one FAMILY / DOMESTIC_TAX line. */
    public static FinancingReportSubmitted financing(String reportId, long version, String country, String period,
            String currency, String allocated, String executed, String gdp) {
        return new FinancingReportSubmitted(reportId, version, country, period, currency,
                gdp == null ? null : new BigDecimal(gdp), null, null,
                List.of(new FinancingLine(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX,
                        new BigDecimal(allocated), new BigDecimal(executed))));
    }

    public static FinancingReportSubmitted financing(String reportId, String country, String period, String currency,
            String gdp, FinancingLine... lines) {
        return new FinancingReportSubmitted(reportId, 1, country, period, currency,
                gdp == null ? null : new BigDecimal(gdp), null, null, List.of(lines));
    }

    public static FinancingLine line(FinancingFunction function, FundingSource source, String allocated,
            String executed) {
        return new FinancingLine(function, source, new BigDecimal(allocated), new BigDecimal(executed));
    }

    public static FinancingReportWithdrawn withdrawn(FinancingReportSubmitted report) {
        return new FinancingReportWithdrawn(report.reportId(), report.version() + 1, report.country(), report.period(),
                "submitted for the wrong country");
    }

    /** A validator of the report's country validated {@code report} (the review is the next version). */
    public static FinancingReportValidated validated(FinancingReportSubmitted report) {
        return new FinancingReportValidated(report.reportId(), report.version() + 1, report.version(), report.country(),
                report.period(), report.programmeId(), "test-validator", null);
    }

    /** A validator of the report's country returned {@code report} to its reporter. */
    public static FinancingReportReturned returned(FinancingReportSubmitted report) {
        return new FinancingReportReturned(report.reportId(), report.version() + 1, report.version(), report.country(),
                report.period(), report.programmeId(), "test-validator", "the grant line is in EUR");
    }

    /** A validator of the programme's country validated {@code result} (the review is the programme's next version). */
    public static IndicatorResultValidated validated(IndicatorResultReported result) {
        return new IndicatorResultValidated(result.programmeId(), result.version() + 1, result.version(),
                result.country(), result.indicatorCode(), result.period(), "test-validator", null);
    }

    /** A validator of the programme's country returned {@code result}. */
    public static IndicatorResultReturned returned(IndicatorResultReported result) {
        return new IndicatorResultReturned(result.programmeId(), result.version() + 1, result.version(),
                result.country(), result.indicatorCode(), result.period(), "test-validator", "a survey estimate");
    }

    public static ExchangeRatePublished rate(String currency, int year, long version, String unitsPerUsd) {
        return new ExchangeRatePublished(currency, year, version, new BigDecimal(unitsPerUsd), "IMF IFS annual average");
    }

    public static MilestoneReported milestone(String programmeId, String country, String milestoneId, long version,
            LocalDate due, MilestoneStatus status) {
        return new MilestoneReported(programmeId, version, country, milestoneId, "Milestone " + milestoneId, due, status,
                due.minusMonths(1), null);
    }

    public static IndicatorResultReported indicator(String programmeId, String country, long version, String period,
            String actual) {
        return new IndicatorResultReported(programmeId, version, country, "COV-CHILD", "Children covered", "%",
                new BigDecimal("20"), 2023, new BigDecimal("60"), 2027, period, new BigDecimal(actual));
    }

    /** A programme id no other test uses. */
    public static String freshProgrammeId() {
        return "prg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Facts() {
    }
}
