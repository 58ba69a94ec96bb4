use crate::repo::OrderRepo;

pub struct OrderService {
    orders: OrderRepo,
}

impl OrderService {
    pub async fn total(&self, id: i64) -> Option<i64> {
        self.orders.total(id).await
    }
}
