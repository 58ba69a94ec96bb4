// ok: a UI component: a failed preview loses no request.
import React, { useEffect, useState } from "react";

export function ProfileCard({ id }: { id: string }) {
  const [name, setName] = useState("");
  useEffect(() => {
    try {
      setName(localStorage.getItem(`name:${id}`) ?? "");
    } catch (e) {}
  }, [id]);
  return <div>{name}</div>;
}
