import React from "react";

// ok: a JSX prop that is not a TLS option
export function Toggle() {
  return <Switch rejectUnauthorizedLabel="off" checked={false} />;
}

// ok: a string mentioning the variable
export const note = <p>{"NODE_TLS_REJECT_UNAUTHORIZED=0 is dangerous"}</p>;

function Switch(props: { rejectUnauthorizedLabel: string; checked: boolean }) {
  return <span>{props.rejectUnauthorizedLabel}</span>;
}
