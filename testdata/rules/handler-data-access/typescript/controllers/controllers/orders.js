const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

module.exports = {
  list: async (req, res) => { // expect: handler-data-access
    res.json(await prisma.order.findMany({ where: { userId: req.user.id } }));
  },
  // a factory: the route is served by the function it returns
  remove() {
    return async (req, res) => { // expect: handler-data-access
      await prisma.order.delete({ where: { id: req.params.id } });
      res.status(204).end();
    };
  },
};
