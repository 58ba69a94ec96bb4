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

// ok: a comment in the block says why the error is dropped
try {
  await fs.promises.unlink(tmpPath);
} catch (e) {
  // the file may not exist yet
}

// ok: an existence probe; its error is the answer "not there"
let version = "1.0.0";
try {
  fs.statSync(path.join(root, ".git"));
  version += "-git";
} catch (err) {}

// ok: a module-resolution probe: a development checkout has the sources
let sourceFolder = "lib";
try {
  require.resolve("@acme/client/src");
  sourceFolder = "src";
} catch (error) {}

// ok: the try only computes values; on failure they keep their defaults
let cacheData = {};
try {
  const cacheFile = await fs.promises.readFile(cachePath, "utf8");
  cacheData = JSON.parse(cacheFile);
} catch (e) {}

// ok: an assignment under `if`, with a probe first
for (const candidate of paths) {
  try {
    fs.statSync(candidate);
    if (candidate.endsWith("package.json")) {
      hasPackageJson = true;
    } else pluginPath = candidate;
  } catch (ignore) {}
}

// ok: the try computes an answer from values and returns it; on failure the fallback below answers
export function sameHost(registered: string, requested: URL) {
  try {
    const url = new URL(registered);
    if (url.hostname === requested.hostname) return true;
  } catch {}
  return false;
}

// ok: a nested try that parses a URL: both only compute the answer
export function redirectKind(redirectUri: string, clientId: string) {
  try {
    const redirect = new URL(redirectUri);
    if (redirect.hostname === "localhost") return "localhost";
    try {
      const client = new URL(clientId);
      if (client.hostname !== redirect.hostname) return "cross-origin";
    } catch {}
  } catch {}
}

// ok: the try only logs; a logger that fails has nowhere to report it
export function reportFailure(error: Error) {
  try {
    useLogger().error(error, "unexpected error in the error handler");
  } catch {}
}

// ok: the failed attempt is retried by the statement after the try
export async function loadSchema(attempt = 0): Promise<Schema> {
  try {
    return await Promise.race([timeout(attempt), subscription()]);
  } catch {}
  return loadSchema(attempt + 1);
}

// ok: a retry loop that the try leaves on success
export async function connectWithRetries() {
  for (let i = 0; i < 5; i++) {
    try {
      return await connect();
    } catch {}
    await sleep(100 * i);
  }
  throw new Error("could not connect");
}

// ok: the no-op catch marks the promise handled until it is raced below
export async function zip(archive: Archive) {
  const failed = new Promise((_, reject) => archive.once("error", reject));
  failed.catch(() => {});
  await Promise.race([failed, archive.finalize()]);
}

export function useBufferedCounter(counter: { increment(key: string, n: number): Promise<void> }, log: Console) {
  const pending: Record<string, number> = {};
  const flush = async (key: string) => {
    const amount = pending[key] ?? 0;
    pending[key] = 0;
    try {
      await counter.increment(key, amount);
    } catch (err) {
      pending[key] = (pending[key] ?? 0) + amount;
      log.error(`could not flush ${key}`, err);
    }
  };
  const flushAll = async () => {
    await Promise.all(Object.keys(pending).map((key) => flush(key)));
  };
  const terminate = async () => {
    try {
      // ok: flushAll's work is caught and logged inside flush
      await flushAll();
    } catch {}
  };
  return { flush, flushAll, terminate };
}

export async function writeAtomically(path: string, data: string): Promise<void> {
  const tmpPath = `${path}.tmp`;
  try {
    await fs.writeFile(tmpPath, data);
    await fs.rename(tmpPath, path);
  } catch (err) {
    log.error("could not write", err);
    // ok: best-effort removal of the temporary file on an error path already reported
    await fs.unlink(tmpPath).catch(() => {});
    throw err;
  }
}

export async function uploadChunked(storage: Storage, file: string, stream: Readable): Promise<void> {
  const partialFile = `${file}.partial`;
  try {
    await storage.write(partialFile, stream);
    await storage.move(partialFile, file);
  } catch (err) {
    try {
      // ok: cleanup after a failure that is rethrown below
      await storage.delete(partialFile);
    } catch {}
    throw err;
  }
}

export function stopWorker(worker: ChildProcess): void {
  try {
    // ok: killing a worker that may have exited already
    worker.kill();
  } catch {}
}

// ok: the stored promise is marked handled; callers get the same promise and see its rejection
export class SingleFlight<T> {
  private entries = new Map<string, { value: Promise<T> }>();
  load(key: string, fetch: () => Promise<T>): Promise<T> {
    const entry = { value: fetch() };
    entry.value.catch(() => {});
    this.entries.set(key, entry);
    return entry.value;
  }
}

// Every socket message reaches every listener; each keeps the ones of its own shape.
export class PingListener {
  constructor(private bus: EventBus) {
    bus.on("socket.message", ({ client, message }) => {
      try {
        // ok: a message of another shape fails the schema and is not this listener's
        this.onPing(client, PingMessage.parse(message));
      } catch {}
    });
  }
  onPing(client: Client, message: PingMessage) {
    client.send({ type: "pong", uid: message.uid });
  }
}

export function moduleOrObject(option: string | object) {
  if (typeof option === "object") {
    return option;
  }
  try {
    return JSON.parse(option);
    // ok: text that is not JSON is a module path, returned below
  } catch {}
  return option;
}

export function trackRequest(telemetry: { send(event: string): Promise<void> }) {
  // ok: the handler says in words why the rejection is dropped
  telemetry.send("didReceiveRequest").catch(() => {
    // Ignore tracking errors: telemetry is best effort
  });
}
