exports.requireLogin = (req, res, next) => (req.user ? next() : res.status(401).end());
