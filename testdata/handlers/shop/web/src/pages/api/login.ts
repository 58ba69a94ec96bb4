export default async function login(req, res) {
  res.json({});
}
