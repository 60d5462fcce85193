package org.spmonitor.beneficiary.count.domain;

import org.spmonitor.platform.write.WriteOutcome;

/** What a submission or withdrawal of a count did: the count's version after it and the outcome. */
public record CountWrite(String countId, long version, WriteOutcome outcome) {
}
