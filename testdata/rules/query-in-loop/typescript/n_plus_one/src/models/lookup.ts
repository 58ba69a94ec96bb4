// A plain in-memory lookup with ORM-like method names: no database here.
const entries = new Map<number, string>();

export const Lookup = {
  findOne(id: number) {
    return entries.get(id);
  },
};
