package org.spmonitor.local;

import org.spmonitor.beneficiary.BeneficiaryServiceApplication;
import org.spmonitor.financing.FinancingServiceApplication;
import org.spmonitor.programme.ProgrammeServiceApplication;
import org.spmonitor.reporting.ReportingServiceApplication;

/** The four services of the local stack, each with its default port and its own database. */
public enum LocalService {

    REPORTING("reporting-service", ReportingServiceApplication.class, 8080, "spmonitor-reporting"),
    PROGRAMME("programme-service", ProgrammeServiceApplication.class, 8081, "spmonitor-programme"),
    FINANCING("financing-service", FinancingServiceApplication.class, 8082, "spmonitor-financing"),
    BENEFICIARY("beneficiary-service", BeneficiaryServiceApplication.class, 8083, "spmonitor-beneficiary");

    private final String serviceName;
    private final Class<?> applicationClass;
    private final int defaultPort;
    private final String database;

    LocalService(String serviceName, Class<?> applicationClass, int defaultPort, String database) {
        this.serviceName = serviceName;
        this.applicationClass = applicationClass;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String serviceName() {
        return serviceName;
    }

    public Class<?> applicationClass() {
        return applicationClass;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String database() {
        return database;
    }

    /** The command-line option that sets the port: {@code programme-port}. */
    public String portOption() {
        return serviceName.substring(0, serviceName.indexOf('-')) + "-port";
    }
}
