package org.spmonitor.events.financing;

/** Where the money came from. */
public enum FundingSource {
    DOMESTIC_TAX, SOCIAL_CONTRIBUTIONS, EXTERNAL_GRANT, EXTERNAL_LOAN
}
