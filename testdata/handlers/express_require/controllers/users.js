exports.show = async (req, res) => {
  res.json({ id: req.params.id });
};
