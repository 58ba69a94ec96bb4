export async function record(event: AuditEvent) {
  try {
    await audit.write(event);
    // expect: swallowed-exception
  } catch {}
}

export function parse(text: string) {
  try {
    return JSON.parse(text);
    // expect: swallowed-exception
  } catch (err) {
    // eslint-disable-line no-empty
  }
}

export function notify(user: User) {
  sendWelcomeMail(user).catch(() => {}); // expect: swallowed-exception
  refreshCache().catch(() => undefined); // expect: swallowed-exception
  warmUp().catch(function () {}); // expect: swallowed-exception
}

export async function flush() {
  await queue.drain().catch(() => {}); // expect: swallowed-exception
}

export async function save(order: Order) {
  try {
    if (order.valid) return await repository.save(order);
    // expect: swallowed-exception
  } catch {}
  return null;
}

export function notifyAndLog(error: Error) {
  try {
    logger.error(error);
    mailer.send(error.message);
  } catch {} // expect: swallowed-exception
}

export async function saveOnce(order: Order) {
  try {
    return await db.insert(order);
  } catch {} // expect: swallowed-exception
  return null;
}

export function fireAndForget(job: Job) {
  const started = queue.add(job);
  started.catch(() => {}); // expect: swallowed-exception
}

export function useUnbufferedCounter(counter: { increment(key: string, n: number): Promise<void> }) {
  const pending: Record<string, number> = {};
  const flush = async (key: string) => {
    await counter.increment(key, pending[key] ?? 0);
  };
  const terminate = async () => {
    try {
      await flush("all");
    } catch {} // expect: swallowed-exception
  };
  return { terminate };
}

export async function removeAccount(repo: Repository, id: string): Promise<void> {
  try {
    await repo.delete(id);
  } catch {} // expect: swallowed-exception
}

export function discardDelivered(message: QueuedMessage): void {
  // Removing a delivered message's queue file is the action: if it fails, the message is sent again.
  fs.unlink(message.path).catch(() => {}); // expect: swallowed-exception
}

export class Warmer {
  private job = { done: Promise.resolve() };
  start(run: () => Promise<void>) {
    this.job.done = run();
    this.job.done.catch(() => {}); // expect: swallowed-exception
  }
}

export class OrderListener {
  constructor(private bus: EventBus) {
    bus.on("order.paid", async ({ order }) => {
      try {
        // The schema is checked, then the failure of the work itself is dropped too.
        const paid = PaidOrder.parse(order);
        await this.fulfil(paid);
      } catch {} // expect: swallowed-exception
    });
  }
  async fulfil(order: PaidOrder) {
    await shipping.book(order);
  }
}

export function relay(bus: EventBus, raw: unknown) {
  try {
    // Nothing checks a shape here: the handler's own failure is what is dropped.
    bus.forward(raw);
  } catch {} // expect: swallowed-exception
}

export function schedule(bus: EventBus, raw: string) {
  try {
    // `Date.parse` does not throw: the only failure dropped here is the handler's.
    bus.at(Date.parse(raw));
  } catch {} // expect: swallowed-exception
}
