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
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --demo}: a realistic demo dataset, submitted through the public REST APIs like country teams
 * and an administrator would (as {@code demo-admin}): five countries (Cambodia, Senegal, Uganda, Nepal,
 * Mozambique), eight programmes with 2025 targets, four quarters of 2025 beneficiary counts (ACTIVE and
 * NEW, disaggregated by sex and age group), 2025 SP&amp;PFM financing reports in each local currency,
 * and 2024/2025 exchange rates, so USD figures show everywhere. Nothing is loaded when programme-service
 * already holds a programme.
 */
final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Duration PROGRAMME_PROPAGATION = Duration.ofSeconds(60);

    /** A demo programme: who it is for, its 2025 targets, and its ACTIVE figure at the end of 2025Q1. */
    record DemoProgramme(String name, String description, List<String> partners, List<String> targetGroups,
            long targetPopulation, long targetBeneficiaries, long activeInFirstQuarter) {
    }

    /** A demo country: currency, rates to USD, GDP and government spending in local currency, programmes. */
    record DemoCountry(String iso3, String currency, String rate2024, String rate2025, String gdp,
            String expenditure, List<DemoProgramme> programmes) {
    }

    static final List<DemoCountry> COUNTRIES = List.of(
            new DemoCountry("KHM", "KHR", "4087.50", "4065.20", "200900000000000", "40180000000000", List.of(
                    new DemoProgramme("Family Package", "Cash transfers for pregnant women and children under two",
                            List.of("ILO", "UNICEF"), List.of("CHILDREN", "MOTHERS_WITH_NEWBORNS"), 1_000_000, 400_000, 240_000),
                    new DemoProgramme("Disability Allowance", "Monthly allowance for persons with severe disabilities",
                            List.of("ILO"), List.of("PERSONS_WITH_DISABILITIES"), 220_000, 90_000, 61_000))),
            new DemoCountry("SEN", "XOF", "606.60", "589.90", "19300000000000", "4250000000000", List.of(
                    new DemoProgramme("Programme National de Bourses de Sécurité Familiale",
                            "Quarterly family allowances for poor households", List.of("ILO", "UNICEF", "GCSPF"),
                            List.of("POOR_AND_VULNERABLE"), 600_000, 400_000, 305_000),
                    new DemoProgramme("Couverture Maladie Universelle", "Subsidised health insurance for the informal economy",
                            List.of("ILO", "ITUC"), List.of("INFORMAL_ECONOMY_WORKERS"), 2_500_000, 900_000, 410_000))),
            new DemoCountry("UGA", "UGX", "3768.10", "3712.40", "196000000000000", "39200000000000", List.of(
                    new DemoProgramme("Senior Citizens' Grant", "Universal pension from age 80, then 65 in pilot districts",
                            List.of("ILO", "UNICEF"), List.of("OLDER_PERSONS"), 1_400_000, 350_000, 306_000))),
            new DemoCountry("NPL", "NPR", "133.40", "136.10", "5980000000000", "1530000000000", List.of(
                    new DemoProgramme("Child Grant", "Universal child grant for children under five",
                            List.of("UNICEF"), List.of("CHILDREN"), 2_800_000, 1_100_000, 840_000),
                    new DemoProgramme("Employment Injury Scheme", "Work injury insurance for formal and informal workers",
                            List.of("ILO"), List.of("WORK_INJURY_VICTIMS"), 180_000, 40_000, 12_500))),
            new DemoCountry("MOZ", "MZN", "63.90", "63.95", "1410000000000", "420000000000", List.of(
                    new DemoProgramme("Programa Subsídio Social Básico", "Cash transfers for labour-constrained poor households",
                            List.of("ILO", "UNICEF", "GCSPF"), List.of("POOR_AND_VULNERABLE", "OLDER_PERSONS"),
                            900_000, 600_000, 452_000))));

    static void loadIfEmpty(LocalStack stack) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonMapper json = JsonMapper.builder().build();
        URI programmes = stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes");
        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        URI reports = stack.url(LocalService.FINANCING).resolve("/api/v1/financing-reports");
        URI rates = stack.url(LocalService.FINANCING).resolve("/api/v1/exchange-rates");
        try {
            String token = adminToken(http, json, stack.tokenEndpoint());
            HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(programmes + "?size=1"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() != 200) {
                log.warn("Demo data not loaded: listing the programmes answered {}: {}", existing.statusCode(),
                        existing.body());
                return;
            }
            if (!holdsNoProgramme(json.readTree(existing.body()))) {
                log.info("Demo data not loaded: programme-service already holds programmes");
                return;
            }
            int countsSubmitted = 0;
            for (DemoCountry country : COUNTRIES) {
                expect(post(http, rates, token, rate(json, country.currency(), 2024, country.rate2024())), "a rate");
                if (country.rate2025() != null) {
                    expect(post(http, rates, token, rate(json, country.currency(), 2025, country.rate2025())), "a rate");
                }
                for (DemoProgramme programme : country.programmes()) {
                    HttpResponse<String> registered = post(http, programmes, token, programme(json, country, programme));
                    expect(registered, "the programme " + programme.name());
                    String id = json.readTree(registered.body()).path("id").asString();
                    List<Map<String, Object>> batch = counts(id, programme);
                    submitWhenProgrammeKnown(http, counts, token, json.writeValueAsString(Map.of("items", batch)));
                    countsSubmitted += batch.size();
                }
                expect(post(http, reports, token, report(json, country)), "the " + country.iso3() + " financing report");
            }
            System.out.printf("%n  Demo data loaded: %d countries, %d programmes, %d beneficiary counts, financing"
                    + " reports and exchange rates.%n  See %s%n%n",
                    COUNTRIES.size(), COUNTRIES.stream().mapToInt(c -> c.programmes().size()).sum(), countsSubmitted,
                    stack.url(LocalService.REPORTING).resolve("/"));
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Could not load the demo data: {}", ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rate(JsonMapper json, String currency, int year, String unitsPerUsd) {
        return json.writeValueAsString(Map.of("currency", currency, "year", year, "unitsPerUsd", unitsPerUsd,
                "source", "demo: annual average, IMF International Financial Statistics"));
    }

    private static String programme(JsonMapper json, DemoCountry country, DemoProgramme programme) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", country.iso3());
        body.put("name", programme.name());
        body.put("description", programme.description());
        body.put("partners", programme.partners());
        body.put("donors", List.of("EU"));
        body.put("startDate", "2024-01-01");
        body.put("endDate", "2028-12-31");
        body.put("status", "ACTIVE");
        body.put("targetGroups", programme.targetGroups());
        body.put("annualTargets", List.of(Map.of("year", 2025, "targetPopulation", programme.targetPopulation(),
                "targetBeneficiaries", programme.targetBeneficiaries())));
        return json.writeValueAsString(body);
    }

    /** Four quarters of ACTIVE (growing) and NEW counts per target group, with sex and age breakdowns. */
    static List<Map<String, Object>> counts(String programmeId, DemoProgramme programme) {
        List<Map<String, Object>> items = new ArrayList<>();
        int groups = programme.targetGroups().size();
        for (int g = 0; g < groups; g++) {
            String group = programme.targetGroups().get(g);
            long previous = 0;
            for (int quarter = 1; quarter <= 4; quarter++) {
                long active = programme.activeInFirstQuarter() / groups * (100 + 6L * (quarter - 1)) / 100;
                long added = quarter == 1 ? active / 8 : active - previous + active / 40;
                previous = active;
                items.add(count(programmeId, "2025Q" + quarter, group, "ACTIVE", active));
                items.add(count(programmeId, "2025Q" + quarter, group, "NEW", added));
            }
        }
        return items;
    }

    private static Map<String, Object> count(String programmeId, String period, String group, String measure,
            long total) {
        long female = total * 53 / 100;
        long children;
        long older;
        switch (group) {
            case "CHILDREN" -> {
                children = total;
                older = 0;
            }
            case "OLDER_PERSONS" -> {
                children = 0;
                older = total;
            }
            case "MOTHERS_WITH_NEWBORNS" -> {
                children = total / 10;
                older = 0;
            }
            default -> {
                children = total * 30 / 100;
                older = total * 12 / 100;
            }
        }
        Map<String, Object> age = new LinkedHashMap<>();
        age.put("0-17", children);
        age.put("18-64", total - children - older);
        age.put("65+", older);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("programmeId", programmeId);
        item.put("period", period);
        item.put("targetGroup", group);
        item.put("measure", measure);
        item.put("total", total);
        item.put("sex", Map.of("female", female, "male", total - female));
        item.put("ageGroup", age);
        return item;
    }

    /** The country's 2025 SP&amp;PFM report: allocated and executed by function and source, in local currency. */
    private static String report(JsonMapper json, DemoCountry country) {
        BigDecimal gdp = new BigDecimal(country.gdp());
        List<Map<String, Object>> lines = List.of(
                line("FAMILY", "DOMESTIC_TAX", gdp, "0.0042", "0.0038"),
                line("OLD_AGE", "SOCIAL_CONTRIBUTIONS", gdp, "0.0061", "0.0059"),
                line("GENERAL_SOCIAL_ASSISTANCE", "EXTERNAL_GRANT", gdp, "0.0018", "0.0012"),
                line("HEALTH", "EXTERNAL_LOAN", gdp, "0.0025", "0.0021"),
                line("ADMINISTRATION", "DOMESTIC_TAX", gdp, "0.0004", "0.0004"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", country.iso3());
        body.put("period", "2025");
        body.put("currency", country.currency());
        body.put("gdp", country.gdp());
        body.put("totalGovernmentExpenditure", country.expenditure());
        body.put("lines", lines);
        return json.writeValueAsString(body);
    }

    private static Map<String, Object> line(String function, String source, BigDecimal gdp, String allocatedShare,
            String executedShare) {
        return Map.of("function", function, "source", source,
                "allocated", gdp.multiply(new BigDecimal(allocatedShare)).setScale(0, RoundingMode.HALF_EVEN).toPlainString(),
                "executed", gdp.multiply(new BigDecimal(executedShare)).setScale(0, RoundingMode.HALF_EVEN).toPlainString());
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
