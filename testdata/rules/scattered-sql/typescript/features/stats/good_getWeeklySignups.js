// A query module: its one function is handed the client and runs one query
// straight through; the fake beside it only hands back what it is given.
export const createGetWeeklySignups = (db) => async () => {
  // ok: the module's only function is this query
  const result = await db.raw(`SELECT COUNT(*) AS signups FROM users WHERE created_at > NOW() - INTERVAL '7 days'`);
  return { signups: Number(result.rows[0]?.signups || 0) };
};

export const createFakeGetWeeklySignups = (signups = 0) => () => Promise.resolve({ signups });
