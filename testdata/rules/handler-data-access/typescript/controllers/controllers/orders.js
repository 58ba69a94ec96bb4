const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

module.exports = {
  list: async (req, res) => { // expect: handler-data-access
    res.json(await prisma.order.findMany({ where: { userId: req.user.id } }));
  },
  // ok (a limitation): a factory's returned handler is not followed yet
  remove() {
    return async (req, res) => {
      await prisma.order.delete({ where: { id: req.params.id } });
      res.status(204).end();
    };
  },
};
