// ok: the catch logs
try {
  await audit.write(event);
} catch (err) {
  logger.warn({ err }, "audit write failed");
}

// ok: the catch rethrows
try {
  await audit.write(event);
} catch (err) {
  throw new AuditError("write failed", { cause: err });
}

// ok: the catch sets a flag
let failed = false;
try {
  await audit.write(event);
} catch {
  failed = true;
}

// ok: a rejection handler that logs
sendWelcomeMail(user).catch((err) => logger.error(err));

// ok: a rejection handler that returns a fallback value
const rows = await fetchRows().catch(() => []);

// ok: a method called catch with two arguments is not a promise
matcher.catch("pattern", () => {});

// ok: the fallback value is used and checked
const manifest = await loadManifest(spec).catch(() => null);
if (!manifest) {
  logger.warn("no manifest");
}
