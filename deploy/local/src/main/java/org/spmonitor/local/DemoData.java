package org.spmonitor.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --demo}: a demo dataset that looks like the real thing, submitted through the public REST APIs
 * like country teams and an administrator would (as {@code demo-admin}). Five countries (Cambodia,
 * Senegal, Uganda, Nepal, Mozambique), ten programmes with their donors, partners, floor guarantees, C102
 * branches and target groups, each with annual targets for 2022-2025 and target populations per group
 * (some groups left without, so their coverage reads "missing"), four years of quarterly beneficiary
 * counts (ACTIVE and NEW, by sex, age group, disability and informal economy), milestones in every status
 * (some overdue from earlier years), results indicators with baselines, targets and yearly actuals, one
 * SP&amp;PFM financing report per country and year whose spending share and execution differ by country,
 * and exchange rates with two gaps (UGX 2023, MZN 2022), so a "missing" USD figure appears. Every
 * number comes from the country profiles below and one seeded random generator: the same data every
 * time. Nothing is loaded when programme-service already holds a programme.
 */
final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Duration PROGRAMME_PROPAGATION = Duration.ofSeconds(60);
    static final long SEED = 20_250_101L;
    static final int FIRST_YEAR = 2022;
    static final int LAST_YEAR = 2025;
    static final List<String> MILESTONE_STATUSES = List.of("ACHIEVED", "ON_TRACK", "AT_RISK", "DELAYED", "PLANNED");

    /**
     * A target group of a demo programme: the people it counts ({@code reach}, which grows 3 % a year),
     * its coverage at the end of 2022 and of 2025 (ACTIVE / reach), and whether the programme reports the
     * group's target population (else its coverage is missing on the dashboards).
     */
    record DemoGroup(String targetGroup, long reach, double coverage2022, double coverage2025,
            boolean targetPopulationReported) {
    }

    /** A demo programme: what it is, who funds and implements it, its groups and the year it starts. */
    record DemoProgramme(String name, String description, List<String> partners, List<String> donors,
            List<String> floorGuarantees, List<String> branches, int startYear, List<DemoGroup> groups) {

        List<String> targetGroups() {
            return groups.stream().map(DemoGroup::targetGroup).toList();
        }
    }

    /**
     * A demo country: currency and its rates to USD for 2022..2025 ({@code null}: not published), GDP in
     * 2022 (local currency) and its yearly growth, government expenditure as a share of GDP, spending on
     * social protection as a share of GDP and its execution rate (both drift a little each year), the
     * shares of its spending by function and source, and the shares of its beneficiaries with a disability
     * and working in the informal economy.
     */
    record DemoCountry(String iso3, String currency, List<String> rates, String gdp2022, double gdpGrowth,
            double governmentShare, double spendingShare, double executionRate, Map<String, Double> functions,
            List<String> sources, double femaleShare, double disabilityShare, double informalShare,
            List<DemoProgramme> programmes) {
    }

    private static DemoGroup group(String targetGroup, long reach, double from, double to, boolean reported) {
        return new DemoGroup(targetGroup, reach, from, to, reported);
    }

    static final List<DemoCountry> COUNTRIES = List.of(
            new DemoCountry("KHM", "KHR", List.of("4102.10", "4110.60", "4087.50", "4065.20"), "120400000000000", 1.081,
                    0.21, 0.0112, 0.83, Map.of("FAMILY", 0.38, "MATERNITY", 0.12, "INVALIDITY", 0.14,
                            "GENERAL_SOCIAL_ASSISTANCE", 0.22, "HEALTH", 0.09, "ADMINISTRATION", 0.05),
                    List.of("DOMESTIC_TAX", "EXTERNAL_GRANT", "EXTERNAL_LOAN"), 0.56, 0.06, 0.78, List.of(
                    new DemoProgramme("Family Package",
                            "Cash transfers for pregnant women, children under two and IDPoor households",
                            List.of("ILO", "UNICEF"), List.of("EU", "Irish Aid"), List.of("CHILDREN"),
                            List.of("FAMILY", "MATERNITY"), 2022, List.of(
                                    group("CHILDREN", 1_300_000, 0.18, 0.44, true),
                                    group("MOTHERS_WITH_NEWBORNS", 320_000, 0.22, 0.61, true),
                                    group("POOR_AND_VULNERABLE", 640_000, 0.30, 0.52, false))),
                    new DemoProgramme("Disability Allowance", "Monthly allowance for persons with severe disabilities",
                            List.of("ILO"), List.of("EU"), List.of("WORKING_AGE"), List.of("INVALIDITY"), 2022,
                            List.of(group("PERSONS_WITH_DISABILITIES", 220_000, 0.20, 0.38, true))))),
            new DemoCountry("SEN", "XOF", List.of("623.76", "606.57", "605.70", "589.90"), "17200000000000", 1.068,
                    0.23, 0.0163, 0.92, Map.of("FAMILY", 0.31, "MEDICAL_CARE", 0.27, "SICKNESS", 0.06,
                            "GENERAL_SOCIAL_ASSISTANCE", 0.24, "OLD_AGE", 0.08, "ADMINISTRATION", 0.04),
                    List.of("DOMESTIC_TAX", "SOCIAL_CONTRIBUTIONS", "EXTERNAL_LOAN"), 0.61, 0.04, 0.86, List.of(
                    new DemoProgramme("Programme National de Bourses de Sécurité Familiale",
                            "Quarterly family allowances for poor households of the Registre national unique",
                            List.of("ILO", "UNICEF", "GCSPF"), List.of("World Bank", "EU"),
                            List.of("CHILDREN", "WORKING_AGE"), List.of("FAMILY"), 2022, List.of(
                                    group("POOR_AND_VULNERABLE", 600_000, 0.52, 0.68, true),
                                    group("CHILDREN", 900_000, 0.21, 0.29, false))),
                    new DemoProgramme("Couverture Maladie Universelle",
                            "Subsidised community health insurance for informal economy workers",
                            List.of("ILO", "ITUC"), List.of("France (AFD)"), List.of("HEALTH_CARE"),
                            List.of("MEDICAL_CARE", "SICKNESS"), 2022,
                            List.of(group("INFORMAL_ECONOMY_WORKERS", 2_500_000, 0.12, 0.21, true))))),
            new DemoCountry("UGA", "UGX", Arrays.asList("3689.80", null, "3768.10", "3712.40"),
                    "172000000000000", 1.092, 0.19, 0.0061, 0.67, Map.of("OLD_AGE", 0.46, "FAMILY", 0.21,
                            "GENERAL_SOCIAL_ASSISTANCE", 0.19, "ADMINISTRATION", 0.14),
                    List.of("DOMESTIC_TAX", "EXTERNAL_GRANT"), 0.58, 0.09, 0.91, List.of(
                    new DemoProgramme("Senior Citizens' Grant", "Universal pension from age 80, from 65 in pilot districts",
                            List.of("ILO", "UNICEF"), List.of("UK (FCDO)", "Irish Aid"), List.of("OLDER_PERSONS"),
                            List.of("OLD_AGE"), 2022, List.of(group("OLDER_PERSONS", 1_400_000, 0.14, 0.24, true))),
                    new DemoProgramme("Child Benefit Pilot", "Cash benefit for children under five in Karamoja",
                            List.of("UNICEF"), List.of("Sweden (Sida)"), List.of("CHILDREN"), List.of("FAMILY"), 2023,
                            List.of(group("CHILDREN", 480_000, 0.05, 0.19, false))))),
            new DemoCountry("NPL", "NPR", List.of("125.30", "131.90", "133.40", "136.10"), "4940000000000", 1.058,
                    0.27, 0.0214, 0.90, Map.of("FAMILY", 0.33, "OLD_AGE", 0.41, "EMPLOYMENT_INJURY", 0.07,
                            "UNEMPLOYMENT", 0.05, "HEALTH", 0.09, "ADMINISTRATION", 0.05),
                    List.of("DOMESTIC_TAX", "SOCIAL_CONTRIBUTIONS"), 0.50, 0.03, 0.62, List.of(
                    new DemoProgramme("Child Grant", "Universal child grant for children under five",
                            List.of("UNICEF"), List.of("UNICEF", "EU"), List.of("CHILDREN"), List.of("FAMILY"), 2022,
                            List.of(group("CHILDREN", 2_800_000, 0.55, 0.72, true))),
                    new DemoProgramme("Employment Injury Scheme", "Work injury insurance for formal and informal workers",
                            List.of("ILO"), List.of("Germany (BMZ)"), List.of("WORKING_AGE"),
                            List.of("EMPLOYMENT_INJURY"), 2022, List.of(
                                    group("WORK_INJURY_VICTIMS", 180_000, 0.05, 0.11, true),
                                    group("INFORMAL_ECONOMY_WORKERS", 650_000, 0.02, 0.07, false))),
                    new DemoProgramme("Unemployment Insurance", "Contributory unemployment benefit of the Social Security Fund",
                            List.of("ILO", "ITUC"), List.of("ILO"), List.of("WORKING_AGE"), List.of("UNEMPLOYMENT"),
                            2023, List.of(group("UNEMPLOYED", 400_000, 0.02, 0.06, true))))),
            new DemoCountry("MOZ", "MZN", Arrays.asList(null, "63.90", "63.90", "63.95"), "1170000000000",
                    1.049, 0.28, 0.0089, 0.74, Map.of("GENERAL_SOCIAL_ASSISTANCE", 0.44, "OLD_AGE", 0.18,
                            "INVALIDITY", 0.11, "HEALTH", 0.17, "ADMINISTRATION", 0.10),
                    List.of("DOMESTIC_TAX", "EXTERNAL_GRANT", "EXTERNAL_LOAN"), 0.63, 0.11, 0.94, List.of(
                    new DemoProgramme("Programa Subsídio Social Básico",
                            "Cash transfers for labour-constrained poor households", List.of("ILO", "UNICEF", "GCSPF"),
                            List.of("EU", "Sweden (Sida)", "Netherlands"), List.of("OLDER_PERSONS", "WORKING_AGE"),
                            List.of("OLD_AGE", "INVALIDITY"), 2022, List.of(
                                    group("POOR_AND_VULNERABLE", 900_000, 0.30, 0.48, true),
                                    group("OLDER_PERSONS", 450_000, 0.26, 0.41, true),
                                    group("PERSONS_WITH_DISABILITIES", 160_000, 0.08, 0.15, false))))));

    // ------------------------------------------------------------------ the plan: every request body

    /** The data of one year of one group: ACTIVE at the end of each quarter and NEW during it. */
    record Quarter(int year, int quarter, long active, long added) {
    }

    /** The people a group counts in {@code year}: its reach, 3 % more each year from 2022. */
    static long reach(DemoGroup g, int year) {
        return Math.round(g.reach() * Math.pow(1.03, year - FIRST_YEAR));
    }

    /**
     * Sixteen quarters of a group from its programme's start: ACTIVE grows from the 2022 coverage to the
     * 2025 coverage of its reach (with a seeded wobble), NEW is the growth plus a seeded churn.
     */
    static List<Quarter> quarters(DemoProgramme programme, DemoGroup g, SplittableRandom random) {
        List<Quarter> quarters = new ArrayList<>();
        long previous = 0;
        int steps = (LAST_YEAR - FIRST_YEAR + 1) * 4;
        for (int i = 0; i < steps; i++) {
            int year = FIRST_YEAR + i / 4;
            if (year < programme.startYear()) {
                continue;
            }
            double coverage = g.coverage2022() + (g.coverage2025() - g.coverage2022()) * (i + 1) / steps;
            long active = Math.max(1, Math.round(reach(g, year) * coverage * (0.985 + 0.03 * random.nextDouble())));
            long churn = Math.round(active * (0.01 + 0.03 * random.nextDouble()));
            long added = Math.max(0, active - previous) + churn;
            previous = active;
            quarters.add(new Quarter(year, i % 4 + 1, active, added));
        }
        return quarters;
    }

    /** The counts of a programme: every quarter of every group, ACTIVE and NEW, with breakdowns that add up. */
    static List<Map<String, Object>> counts(String programmeId, DemoCountry country, DemoProgramme programme,
            SplittableRandom random) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (DemoGroup g : programme.groups()) {
            for (Quarter q : quarters(programme, g, random)) {
                String period = q.year() + "Q" + q.quarter();
                items.add(count(programmeId, period, g.targetGroup(), "ACTIVE", q.active(), country, random));
                items.add(count(programmeId, period, g.targetGroup(), "NEW", q.added(), country, random));
            }
        }
        return items;
    }

    private static Map<String, Object> count(String programmeId, String period, String group, String measure,
            long total, DemoCountry country, SplittableRandom random) {
        double wobble = 0.97 + 0.06 * random.nextDouble();
        long female = group.equals("MOTHERS_WITH_NEWBORNS") ? total
                : Math.min(total, Math.round(total * country.femaleShare() * wobble));
        long sexUnknown = group.equals("MOTHERS_WITH_NEWBORNS") ? 0 : total / 200;
        double children;
        double older;
        switch (group) {
            case "CHILDREN" -> {
                children = 1.0;
                older = 0;
            }
            case "OLDER_PERSONS" -> {
                children = 0;
                older = 1.0;
            }
            case "MOTHERS_WITH_NEWBORNS", "UNEMPLOYED", "WORK_INJURY_VICTIMS", "INFORMAL_ECONOMY_WORKERS" -> {
                children = group.equals("MOTHERS_WITH_NEWBORNS") ? 0.08 : 0;
                older = group.equals("INFORMAL_ECONOMY_WORKERS") ? 0.07 : 0.01;
            }
            default -> {
                children = 0.34;
                older = 0.13;
            }
        }
        long child = Math.round(total * children);
        long old = Math.min(total - child, Math.round(total * older));
        long ageUnknown = Math.min(total - child - old, total / 100);
        double disabled = group.equals("PERSONS_WITH_DISABILITIES") ? 1.0 : country.disabilityShare() * wobble;
        double informal = group.equals("INFORMAL_ECONOMY_WORKERS") ? 1.0
                : group.equals("CHILDREN") ? 0 : Math.min(1.0, country.informalShare() * wobble);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("programmeId", programmeId);
        item.put("period", period);
        item.put("targetGroup", group);
        item.put("measure", measure);
        item.put("total", total);
        item.put("sex", parts("female", female - Math.min(female, sexUnknown), "male",
                total - female, "unknown", Math.min(female, sexUnknown)));
        item.put("ageGroup", parts("0-17", child, "18-64", total - child - old - ageUnknown, "65+", old,
                "unknown", ageUnknown));
        item.put("withDisability", yesNo(total, disabled, total / 50));
        if (!group.equals("CHILDREN")) {
            item.put("informalEconomy", yesNo(total, informal, total / 40));
        }
        return item;
    }

    private static Map<String, Object> yesNo(long total, double yesShare, long unknown) {
        long known = total - unknown;
        long yes = Math.min(known, Math.round(known * yesShare));
        return parts("yes", yes, "no", known - yes, "unknown", unknown);
    }

    private static Map<String, Object> parts(Object... namesAndValues) {
        Map<String, Object> parts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parts.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parts;
    }

    /** The programme as a country team registers it, with annual targets and target populations per group. */
    static Map<String, Object> programme(DemoCountry country, DemoProgramme programme) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", country.iso3());
        body.put("name", programme.name());
        body.put("description", programme.description());
        body.put("partners", programme.partners());
        body.put("donors", programme.donors());
        body.put("startDate", programme.startYear() + "-01-01");
        body.put("endDate", "2028-12-31");
        body.put("status", "ACTIVE");
        body.put("floorGuarantees", programme.floorGuarantees());
        body.put("branches", programme.branches());
        body.put("targetGroups", programme.targetGroups());
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int year = programme.startYear(); year <= LAST_YEAR; year++) {
            final int y = year;
            long population = programme.groups().stream().mapToLong(g -> reach(g, y)).sum();
            List<Map<String, Object>> groups = programme.groups().stream().filter(DemoGroup::targetPopulationReported)
                    .map(g -> parts("targetGroup", g.targetGroup(), "targetPopulation", reach(g, y))).toList();
            Map<String, Object> target = parts("year", year, "targetPopulation", population,
                    "targetBeneficiaries", population * 6 / 10);
            if (!groups.isEmpty()) {
                target.put("groupTargetPopulations", groups);
            }
            targets.add(target);
        }
        body.put("annualTargets", targets);
        return body;
    }

    /**
     * Six milestones a programme: one achieved in its first year, one delayed since 2023 (overdue from an
     * earlier year), one due in each of 2024 and 2025 and two ahead (2026, 2027); the statuses of the
     * 2024/2025 ones rotate with the programme's position, so every status is present in 2025.
     */
    static List<Map<String, Object>> milestones(int programmeIndex, DemoProgramme programme) {
        List<Map<String, Object>> milestones = new ArrayList<>();
        int first = programme.startYear();
        milestones.add(milestone("Operational manual adopted", LocalDate.of(first, 9, 30), "ACHIEVED",
                LocalDate.of(first, 9, 20), "Adopted by ministerial order."));
        milestones.add(milestone("Payments moved to mobile money", LocalDate.of(2023, 12, 31), "DELAYED",
                LocalDate.of(2025, 6, 30), "Tender for the payment service provider cancelled twice."));
        milestones.add(milestone("Grievance mechanism running in every district", LocalDate.of(2024, 6, 30),
                MILESTONE_STATUSES.get((programmeIndex + 2) % 5), LocalDate.of(2024, 7, 15), null));
        milestones.add(milestone("Annual budget execution review with the Ministry of Finance",
                LocalDate.of(2025, 3 + programmeIndex % 9, 15), MILESTONE_STATUSES.get(programmeIndex % 5),
                LocalDate.of(2025, 2, 1), null));
        milestones.add(milestone("Mid-term evaluation published", LocalDate.of(2026, 9, 30), "ON_TRACK",
                LocalDate.of(2025, 10, 1), null));
        milestones.add(milestone("Legal framework for the social protection floor adopted", LocalDate.of(2027, 6, 30),
                "PLANNED", LocalDate.of(2025, 1, 15), null));
        return milestones;
    }

    private static Map<String, Object> milestone(String title, LocalDate due, String status, LocalDate statusDate,
            String note) {
        Map<String, Object> body = parts("title", title, "dueDate", due.toString(), "status", status, "statusDate",
                (statusDate.isAfter(due) && status.equals("ACHIEVED") ? due : statusDate).toString());
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }

    /** A results indicator with its baseline, its target and one actual a year. */
    record DemoIndicator(Map<String, Object> definition, List<Map<String, Object>> results) {
    }

    /**
     * Two indicators a programme: the coverage of its first group (baseline 2021, target 2027, the actuals
     * its counts give) and the share of payments made on time (a seeded pace from a seeded baseline).
     */
    static List<DemoIndicator> indicators(DemoProgramme programme, SplittableRandom random) {
        DemoGroup g = programme.groups().get(0);
        List<Map<String, Object>> coverage = new ArrayList<>();
        List<Map<String, Object>> onTime = new ArrayList<>();
        double punctual = 55 + 15 * random.nextDouble();
        double pace = 3 + 6 * random.nextDouble();
        for (int year = programme.startYear(); year <= LAST_YEAR; year++) {
            double share = g.coverage2022() + (g.coverage2025() - g.coverage2022()) * (year - FIRST_YEAR) / 3.0;
            coverage.add(parts("indicatorCode", "COV-" + g.targetGroup(), "period", String.valueOf(year),
                    "actualValue", decimal(share * 100)));
            onTime.add(parts("indicatorCode", "PAY-ON-TIME", "period", String.valueOf(year), "actualValue",
                    decimal(Math.min(99, punctual + pace * (year - FIRST_YEAR)))));
        }
        return List.of(
                new DemoIndicator(parts("code", "COV-" + g.targetGroup(), "name",
                        "Coverage of " + g.targetGroup().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + " (SDG 1.3.1)", "unit", "%",
                        "baseline", parts("value", decimal(g.coverage2022() * 80), "year", 2021),
                        "target", parts("value", decimal(Math.min(95, g.coverage2025() * 130)), "year", 2027)),
                        coverage),
                new DemoIndicator(parts("code", "PAY-ON-TIME", "name", "Payments made on time", "unit", "%",
                        "baseline", parts("value", decimal(punctual - 4), "year", 2021),
                        "target", parts("value", "95.0", "year", 2027)), onTime));
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** GDP of {@code year} in local currency. */
    static BigDecimal gdp(DemoCountry country, int year) {
        return new BigDecimal(country.gdp2022()).multiply(BigDecimal.valueOf(Math.pow(country.gdpGrowth(),
                year - FIRST_YEAR))).setScale(0, RoundingMode.HALF_EVEN);
    }

    /**
     * The country's SP&amp;PFM report of a year: allocated = GDP x spending share x function share (the
     * spending share rising 4 % a year), executed = allocated x execution rate (rising a point a year),
     * each with a seeded wobble; sources taken in turn from the country's list.
     */
    static Map<String, Object> report(DemoCountry country, int year, SplittableRandom random) {
        BigDecimal gdp = gdp(country, year);
        double share = country.spendingShare() * Math.pow(1.04, year - FIRST_YEAR);
        double execution = Math.min(0.99, country.executionRate() + 0.01 * (year - FIRST_YEAR));
        List<Map<String, Object>> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Double> function : new TreeMap<>(country.functions()).entrySet()) {
            double allocated = share * function.getValue() * (0.95 + 0.1 * random.nextDouble());
            double executed = allocated * Math.min(1.0, execution * (0.94 + 0.12 * random.nextDouble()));
            lines.add(parts("function", function.getKey(), "source", country.sources().get(i++ % country.sources().size()),
                    "allocated", amount(gdp, allocated), "executed", amount(gdp, executed)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", country.iso3());
        body.put("period", String.valueOf(year));
        body.put("currency", country.currency());
        body.put("gdp", gdp.toPlainString());
        body.put("totalGovernmentExpenditure", amount(gdp, country.governmentShare()));
        body.put("lines", lines);
        return body;
    }

    private static String amount(BigDecimal gdp, double share) {
        return gdp.multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }

    // ------------------------------------------------------------------ the whole plan, then loading it

    /** Everything submitted for a programme; its counts get the programme's id when it is registered. */
    record ProgrammePlan(DemoProgramme programme, Map<String, Object> registration, List<Map<String, Object>> milestones,
            List<DemoIndicator> indicators, List<Map<String, Object>> counts) {
    }

    /** Everything submitted for a country: its rates and reports by year, its programmes. */
    record CountryPlan(DemoCountry country, Map<Integer, String> rates, Map<Integer, Map<String, Object>> reports,
            List<ProgrammePlan> programmes) {
    }

    /** The whole demo dataset, from the profiles and the seeded generator: the same every time. */
    static List<CountryPlan> plan() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<CountryPlan> plan = new ArrayList<>();
        int programmeIndex = 0;
        for (DemoCountry country : COUNTRIES) {
            Map<Integer, String> rates = new TreeMap<>();
            Map<Integer, Map<String, Object>> reports = new TreeMap<>();
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                String rate = country.rates().get(year - FIRST_YEAR);
                if (rate != null) {
                    rates.put(year, rate);
                }
                reports.put(year, report(country, year, random));
            }
            List<ProgrammePlan> programmes = new ArrayList<>();
            for (DemoProgramme programme : country.programmes()) {
                programmes.add(new ProgrammePlan(programme, programme(country, programme),
                        milestones(programmeIndex++, programme), indicators(programme, random),
                        counts(null, country, programme, random)));
            }
            plan.add(new CountryPlan(country, rates, reports, programmes));
        }
        return plan;
    }

    static void loadIfEmpty(LocalStack stack) {
        try {
            load(stack);
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Could not load the demo data: {}", ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Submits the {@link #plan()} through the public REST APIs, unless programme-service already holds a
     * programme (then returns false).
     *
     * @throws IllegalStateException when a submission is refused
     */
    static boolean load(LocalStack stack) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonMapper json = JsonMapper.builder().build();
        URI programmes = stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes");
        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        URI reports = stack.url(LocalService.FINANCING).resolve("/api/v1/financing-reports");
        URI rates = stack.url(LocalService.FINANCING).resolve("/api/v1/exchange-rates");
        String token = adminToken(http, json, stack.tokenEndpoint());
        HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(programmes + "?size=1"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (existing.statusCode() != 200) {
            throw new IllegalStateException("listing the programmes answered " + existing.statusCode() + ": "
                    + existing.body());
        }
        if (!holdsNoProgramme(json.readTree(existing.body()))) {
            log.info("Demo data not loaded: programme-service already holds programmes");
            return false;
        }
        int countsSubmitted = 0;
        int programmesRegistered = 0;
        for (CountryPlan country : plan()) {
            for (Map.Entry<Integer, String> rate : country.rates().entrySet()) {
                expect(post(http, rates, token, json.writeValueAsString(Map.of("currency", country.country().currency(),
                        "year", rate.getKey(), "unitsPerUsd", rate.getValue(),
                        "source", "demo: annual average, IMF International Financial Statistics"))), "a rate");
            }
            for (Map<String, Object> report : country.reports().values()) {
                expect(post(http, reports, token, json.writeValueAsString(report)),
                        "the " + country.country().iso3() + " " + report.get("period") + " financing report");
            }
            for (ProgrammePlan programme : country.programmes()) {
                String name = programme.programme().name();
                HttpResponse<String> registered = post(http, programmes, token,
                        json.writeValueAsString(programme.registration()));
                expect(registered, "the programme " + name);
                programmesRegistered++;
                String id = json.readTree(registered.body()).path("id").asString();
                URI self = URI.create(programmes + "/" + id);
                for (Map<String, Object> milestone : programme.milestones()) {
                    expect(post(http, URI.create(self + "/milestones"), token, json.writeValueAsString(milestone)),
                            "a milestone of " + name);
                }
                for (DemoIndicator indicator : programme.indicators()) {
                    expect(post(http, URI.create(self + "/indicators"), token,
                            json.writeValueAsString(indicator.definition())), "an indicator of " + name);
                    for (Map<String, Object> result : indicator.results()) {
                        expect(post(http, URI.create(self + "/indicator-results"), token,
                                json.writeValueAsString(result)), "an indicator result of " + name);
                    }
                }
                List<Map<String, Object>> batch = programme.counts().stream().map(c -> {
                    Map<String, Object> item = new LinkedHashMap<>(c);
                    item.put("programmeId", id);
                    return item;
                }).toList();
                submitWhenProgrammeKnown(http, counts, token, json.writeValueAsString(Map.of("items", batch)));
                countsSubmitted += batch.size();
            }
        }
        System.out.printf("%n  Demo data loaded: %d countries, %d programmes, %d beneficiary counts (%d-%d),"
                + " milestones, indicators, financing reports and exchange rates (UGX 2023 and MZN 2022 left out"
                + " on purpose).%n  See %s%n%n", COUNTRIES.size(), programmesRegistered, countsSubmitted, FIRST_YEAR,
                LAST_YEAR, stack.url(LocalService.REPORTING).resolve("/"));
        return true;
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("submitting " + what + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** A page of programmes ({@code {"items": [...], ...}}) or a plain array, with nothing in it. */
    static boolean holdsNoProgramme(JsonNode list) {
        JsonNode items = list.isArray() ? list : list.path("items");
        return items.isArray() && items.isEmpty();
    }

    /** beneficiary-service learns programmes from Kafka, a moment after programme-service registered them. */
    private static void submitWhenProgrammeKnown(HttpClient http, URI counts, String token, String body)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROGRAMME_PROPAGATION.toNanos();
        while (true) {
            HttpResponse<String> response = post(http, counts, token, body);
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 400 || System.nanoTime() > deadline) {
                throw new IllegalStateException("submitting a demo count answered " + response.statusCode() + ": "
                        + response.body());
            }
            Thread.sleep(250);
        }
    }

    /** A token of {@code demo-admin}, from the issuer's token endpoint like any client gets one. */
    private static String adminToken(HttpClient http, JsonMapper json, URI tokenEndpoint)
            throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString("demo-admin:demo-admin-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token issuer answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body()).path("access_token").asString();
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String token, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private DemoData() {
    }
}
