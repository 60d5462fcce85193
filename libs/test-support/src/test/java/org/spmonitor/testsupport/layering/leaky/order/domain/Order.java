package org.spmonitor.testsupport.layering.leaky.order.domain;

import org.springframework.stereotype.Component;

/** A fixture of {@code ArchitectureRulesTest}: a domain class that is a Spring bean. */
@Component
public class Order {
}
