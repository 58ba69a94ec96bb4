module.exports = {
  login: async (req, res) => {
    res.json({ ok: true });
  },
  signup: async (req, res) => {
    res.status(201).json({ ok: true });
  },
};
