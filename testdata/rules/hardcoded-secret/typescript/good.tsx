// ok: a password input in markup
export const Login = () => <input type="password" name="password" placeholder="Password" />;
