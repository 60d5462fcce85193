package org.spmonitor.testsupport.layering.leaky.order.web;

import org.spmonitor.testsupport.layering.leaky.order.store.OrderDocument;

/** A fixture of {@code ArchitectureRulesTest}: a controller that answers with what the store gives. */
public class OrderController {

    public OrderDocument get() {
        return new OrderDocument();
    }
}
