const orders = require("../models/order");

async function reprice(ids) {
  for (const id of ids) {
    await orders.Order.update({ total: 0 }, { where: { id } }); // expect: query-in-loop
  }
}

module.exports = { reprice };
