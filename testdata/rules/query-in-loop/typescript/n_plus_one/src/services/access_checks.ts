import { checkAccess, checkItems, checkBoth } from "../permissions/check_access";

export async function collectionsReadable(collections: string[]) {
  for (const collection of collections) {
    // ok: handed no primary keys, checkAccess answers without a query
    await checkAccess({ collection });
  }
  // ok: the same through a `.map` callback
  await Promise.all(collections.map((collection) => checkAccess({ collection, action: "read" })));
  for (const collection of collections) {
    // ok: the `&&` test waits for `keys`, which this call does not hand
    await checkItems({ collection }, true);
  }
}

export async function itemsReadable(collection: string, ids: string[]) {
  for (const id of ids) {
    await checkAccess({ collection, primaryKeys: [id] }); // expect: query-in-loop
  }
}

export async function spreadOptions(base: { collection: string }, ids: string[]) {
  for (const id of ids) {
    await checkAccess({ ...base, id }); // expect: query-in-loop
  }
}

export async function passedOptions(all: { collection: string }[]) {
  for (const options of all) {
    await checkAccess(options); // expect: query-in-loop
  }
}

export async function alwaysQueries(collections: string[]) {
  for (const collection of collections) {
    await checkBoth({ collection }); // expect: query-in-loop
  }
}
