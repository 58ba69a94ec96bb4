// One function, but it decides what the numbers mean after its query:
// business logic with SQL in it.
export const signupTrend = async (db, threshold) => {
  const result = await db.raw(`SELECT COUNT(*) AS signups FROM users WHERE created_at > NOW() - INTERVAL '7 days'`); // expect: scattered-sql
  const signups = Number(result.rows[0]?.signups || 0);
  if (signups > threshold) {
    return "growing";
  }
  return "flat";
};

export const createFakeSignupTrend = () => () => Promise.resolve("flat");
