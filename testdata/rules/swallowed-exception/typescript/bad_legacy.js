function save(doc) {
  try {
    store.put(doc);
  } catch (e) {} // expect: swallowed-exception
}

promise.catch((err) => null); // expect: swallowed-exception

module.exports = { save };
