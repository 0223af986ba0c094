/** The local stack's sign-in: the gateway mints a token for a user name (never in production). */
export async function localSignIn(userName: string): Promise<string> {
  const res = await fetch('/auth/local/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userName }) });
  const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string | string[] };
  if (!res.ok || !body.token) throw new Error([body.message ?? `sign-in refused (${res.status})`].flat().join('; '));
  return body.token;
}
