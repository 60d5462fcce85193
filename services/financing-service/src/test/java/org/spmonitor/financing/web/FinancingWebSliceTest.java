package org.spmonitor.financing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.spmonitor.financing.rate.application.RateService;
import org.spmonitor.financing.rate.store.RateStore;
import org.spmonitor.financing.report.application.ReportBatches;
import org.spmonitor.financing.report.application.ReportImports;
import org.spmonitor.financing.report.application.ReportService;
import org.spmonitor.financing.report.store.ReportDocument;
import org.spmonitor.financing.report.store.ReportStore;
import org.spmonitor.platform.PlatformAutoConfiguration;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.platform.web.ProblemDetailsAdvice;
import org.spmonitor.testsupport.SharedInfrastructureInitializer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge of both APIs through MockMvc: how JSON and CSV are read (amounts exactly, never through
 * double), how refusals look (problem details naming each field), and that a refusal stores nothing.
 * The stores behind the controllers are the real ones, on the shared Mongo-wire server; no listeners run.
 */
@WebMvcTest
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@ImportAutoConfiguration({ MongoAutoConfiguration.class, DataMongoAutoConfiguration.class, KafkaAutoConfiguration.class,
        PlatformAutoConfiguration.class, MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class })
// ProblemDetailsAdvice is imported so that it, not Boot's default handler, answers errors in this slice too
@Import({ ReportService.class, RateService.class, ReportStore.class, RateStore.class, KnownProgrammes.class,
        ProblemDetailsAdvice.class, ReportBatches.class, ReportImports.class })
class FinancingWebSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JsonMapper json;

    private static MockHttpServletRequestBuilder postJson(String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private long reportsOf(String country) {
        return mongo.count(new Query(Criteria.where("country").is(country)), ReportDocument.class);
    }

    @Test
    void theServiceMapperReadsJsonFloatsAsBigDecimal() {
        assertThat(json.readTree("{\"a\": 999999999999999.9999}").get("a").isBigDecimal()).isTrue();
        assertThat(json.readTree("{\"a\": 999999999999999.9999}").get("a").decimalValue().toPlainString())
                .isEqualTo("999999999999999.9999");
    }

    @Test
    void readsAmountsNearTenToTheFifteenthSentAsJsonNumbersExactly() throws Exception {
        String location = mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "KHM", "period": "2024", "currency": "KHR", "gdp": 999999999999999.9999,
                 "lines": [{"function": "FAMILY", "source": "DOMESTIC_TAX",
                            "allocated": 123456789012345.6789, "executed": 0.0001}]}
                """)).andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location)).andExpect(status().isOk())
                .andExpect(jsonPath("$.gdp").value("999999999999999.9999"))
                .andExpect(jsonPath("$.lines[0].allocated").value("123456789012345.6789"))
                .andExpect(jsonPath("$.lines[0].executed").value("0.0001"));
    }

    @Test
    void readsAmountsSentAsJsonStringsExactly() throws Exception {
        String location = mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "SEN", "period": "2024", "currency": "XOF",
                 "lines": [{"function": "OLD_AGE", "source": "SOCIAL_CONTRIBUTIONS",
                            "allocated": "99999999999999999999.9999", "executed": "1000000000000000.0000"}]}
                """)).andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location)).andExpect(jsonPath("$.lines[0].allocated").value("99999999999999999999.9999"))
                .andExpect(jsonPath("$.lines[0].executed").value("1000000000000000.0000"));
    }

    @Test
    void refusesManyDecimalsAsAJsonNumberNamingTheFieldAndStoresNothing() throws Exception {
        mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "UGA", "period": "2024", "currency": "UGX",
                 "lines": [{"function": "FAMILY", "source": "DOMESTIC_TAX", "allocated": 1000000000000000.123456789}]}
                """)).andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(jsonPath("$.errors[0].field").value("lines[0].allocated"))
                .andExpect(jsonPath("$.errors[0].message", containsString("9 decimal places")));

        assertThat(reportsOf("UGA")).isZero();
    }

    @Test
    void refusesAnAmountThatIsNotADecimalNamingTheField() throws Exception {
        mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "UGA", "period": "2024", "currency": "UGX",
                 "lines": [{"function": "FAMILY", "source": "DOMESTIC_TAX", "allocated": "1,250,000"}]}
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lines[0].allocated"));

        assertThat(reportsOf("UGA")).isZero();
    }

    @Test
    void refusesAnUnknownFunctionListingTheAllowedOnes() throws Exception {
        mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "UGA", "period": "2024", "currency": "UGX",
                 "lines": [{"function": "PENSIONS", "source": "DOMESTIC_TAX", "allocated": "1"}]}
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lines[0].function"))
                .andExpect(jsonPath("$.errors[0].message", containsString("GENERAL_SOCIAL_ASSISTANCE")));

        assertThat(reportsOf("UGA")).isZero();
    }

    @Test
    void refusesAnUnknownFieldSoATypoIsNotSilentlyIgnored() throws Exception {
        mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "UGA", "period": "2024", "currency": "UGX", "gpd": "1000",
                 "lines": [{"function": "FAMILY", "source": "DOMESTIC_TAX", "allocated": "1"}]}
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("gpd"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));

        assertThat(reportsOf("UGA")).isZero();
    }

    @Test
    void listsEveryDomainViolationInOneProblem() throws Exception {
        mvc.perform(postJson("/api/v1/financing-reports", """
                {"country": "uga", "period": "2024-13", "currency": "USh", "gdp": "-1",
                 "lines": [{"function": "FAMILY", "source": "DOMESTIC_TAX", "allocated": "1", "executed": "-2"},
                           {"function": "FAMILY", "source": "DOMESTIC_TAX", "allocated": "3"}]}
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("6 fields are invalid"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("country", "period",
                        "currency", "gdp", "lines[0].executed", "lines[1]")));
    }

    @Test
    void refusesBadListFiltersNamingThem() throws Exception {
        mvc.perform(get("/api/v1/financing-reports?country=Cambodia&size=0&status=LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(get("/api/v1/financing-reports?country=Cambodia&size=0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("country", "size")));
    }

    @Test
    void readsACsvTableInTheCharsetItDeclares() throws Exception {
        byte[] latin1 = "currency,year,unitsPerUsd,source\nXAF,2019,585.91,Banque des États de l'Afrique Centrale\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        mvc.perform(post("/api/v1/exchange-rates").contentType("text/csv;charset=ISO-8859-1").content(latin1))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));

        mvc.perform(get("/api/v1/exchange-rates/XAF/2019"))
                .andExpect(jsonPath("$.source").value("Banque des États de l'Afrique Centrale"))
                .andExpect(jsonPath("$.meaning").value("1 USD = 585.91 XAF"));
    }

    @Test
    void refusesACsvTableWithOneBadRowAndStoresNoneOfItsRows() throws Exception {
        mvc.perform(post("/api/v1/exchange-rates").contentType("text/csv").content("""
                currency,year,unitsPerUsd
                GHS,2019,5.22
                NGN,2019,306,9
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1]"))
                .andExpect(jsonPath("$.errors[0].message", containsString("line 3")));

        mvc.perform(get("/api/v1/exchange-rates/GHS/2019")).andExpect(status().isNotFound());
    }

    @Test
    void readsARateSentAsAJsonNumberExactly() throws Exception {
        mvc.perform(postJson("/api/v1/exchange-rates", """
                {"currency": "IRR", "year": 2019, "unitsPerUsd": 42000.0000000001}
                """)).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/exchange-rates/IRR/2019"))
                .andExpect(jsonPath("$.unitsPerUsd").value("42000.0000000001"));
    }

    @Test
    void refusesAJsonRateWithAYearAsTextNamingTheField() throws Exception {
        mvc.perform(postJson("/api/v1/exchange-rates", """
                {"currency": "KES", "year": "twenty", "unitsPerUsd": "101.99"}
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
    }
}
