let visits = 0;

export async function POST() {
  visits += 1; // expect: shared-mutable-state
  return Response.json({ visits });
}
