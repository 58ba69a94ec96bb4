const repo = require("../repositories/users");
const { fullName } = require("../format");

async function emails(ids) {
  const out = [];
  for (const id of ids) {
    out.push(await repo.findUser(id)); // expect: query-in-loop
  }
  return out;
}

function labels(people) {
  const out = [];
  while (people.length) {
    // ok: a pure helper from another module
    out.push(fullName(people.pop()));
  }
  return out;
}

module.exports = { emails, labels };
