package org.spmonitor.testsupport.layering.tidy.order.application;

import org.spmonitor.testsupport.layering.tidy.order.domain.Order;
import org.spmonitor.testsupport.layering.tidy.order.store.OrderStore;

import org.springframework.stereotype.Service;

@Service
public class OrderService {

    private final OrderStore store = new OrderStore();

    public Order place(String id, int quantity) {
        Order order = new Order(id, quantity);
        store.save(order);
        return order;
    }
}
