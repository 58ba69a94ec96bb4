export function fullName(user: { first: string; last: string }) {
  return `${user.first} ${user.last}`;
}
