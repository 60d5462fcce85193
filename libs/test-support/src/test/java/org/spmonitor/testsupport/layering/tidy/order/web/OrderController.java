package org.spmonitor.testsupport.layering.tidy.order.web;

import org.spmonitor.testsupport.layering.tidy.order.application.OrderService;
import org.spmonitor.testsupport.layering.tidy.order.domain.Order;

public class OrderController {

    private final OrderService orders = new OrderService();

    public OrderView place(String id) {
        Order order = orders.place(id, 1);
        return new OrderView(order.id());
    }

    public record OrderView(String id) {
    }
}
