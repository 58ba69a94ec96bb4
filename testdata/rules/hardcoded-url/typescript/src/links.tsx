// ok: a link in markup is not a service URL
export const Footer = () => <a href="https://status.example.net">Status</a>;
