package org.spmonitor.platform.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.spmonitor.platform.PlatformProperties;
import org.spmonitor.platform.asyncapi.AsyncApiController;
import org.spmonitor.platform.asyncapi.AsyncApiDocument;
import org.spmonitor.platform.events.EventCodec;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The web side of the platform: request bodies hashed for {@link Idempotency}, and the servlet
 * container's own error answers as problem details: those Tomcat gives before the application runs
 * ({@link ProblemReportValve}) and its error page ({@link ProblemErrorController}); and the AsyncAPI
 * document of the Kafka contract ({@link AsyncApiController}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebKitAutoConfiguration {

    /** After Spring Security (order -100), so that the body size limits hold while it is spooled. */
    static final int SPOOL_ORDER = 0;

    @Bean
    FilterRegistrationBean<RequestBodySpool> requestBodySpool() {
        FilterRegistrationBean<RequestBodySpool> registration = new FilterRegistrationBean<>(new RequestBodySpool());
        registration.setOrder(SPOOL_ORDER);
        return registration;
    }

    /** Replaces Spring Boot's error controller, whose answers are not problem details. */
    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * The AsyncAPI document of every topic, at {@value AsyncApiDocument#PATH} beside {@code /v3/api-docs};
     * {@code spmonitor.asyncapi.enabled=false} turns it off, as {@code springdoc.api-docs.enabled} does
     * the OpenAPI document.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "spmonitor.asyncapi.enabled", havingValue = "true", matchIfMissing = true)
    AsyncApiController asyncApiController(EventCodec codec, PlatformProperties topics) {
        return new AsyncApiController(codec, topics);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrors {

        /** Runs last, so that it replaces the error report valve Spring Boot installs. */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return new ProblemValveCustomizer();
        }
    }

    static final class ProblemValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (ProblemReportValve.isOtherErrorReport(valve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve());
                // the host adds its own error report valve at start unless one of this class name is there
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
