// ok: a settings store in a module without Express
const store = new Map();
store.set("env", "development");
module.exports = store;
