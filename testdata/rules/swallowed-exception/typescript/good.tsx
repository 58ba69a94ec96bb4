// ok: the error is shown to the user
export function Save() {
  const onClick = async () => {
    try {
      await save();
    } catch (err) {
      setError(String(err));
    }
  };
  return <button onClick={onClick}>Save</button>;
}
