/**
 * Sign-in through Cognito's hosted UI: the authorization code flow with PKCE. The page's
 * configuration comes from the build (VITE_COGNITO_DOMAIN, VITE_COGNITO_CLIENT_ID,
 * VITE_COGNITO_REDIRECT_URI; docs/web.md).
 */
export interface CognitoConfig {
  domain: string;
  clientId: string;
  redirectUri: string;
}

const VERIFIER = 'housef3.backup.pkce';

export function cognitoConfig(): CognitoConfig | undefined {
  const domain = import.meta.env.VITE_COGNITO_DOMAIN as string | undefined;
  const clientId = import.meta.env.VITE_COGNITO_CLIENT_ID as string | undefined;
  if (!domain || !clientId) return undefined;
  return { domain: domain.replace(/\/$/, ''), clientId, redirectUri: (import.meta.env.VITE_COGNITO_REDIRECT_URI as string | undefined) ?? `${location.origin}/` };
}

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function startHostedSignIn(cfg: CognitoConfig): Promise<void> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, verifier);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code', client_id: cfg.clientId, redirect_uri: cfg.redirectUri, scope: 'openid email profile',
    code_challenge_method: 'S256', code_challenge: challenge,
  });
  location.assign(`${cfg.domain}/oauth2/authorize?${query}`);
}

/** After the hosted UI redirected back with `?code=`: exchanges it for the ID token. */
export async function finishHostedSignIn(cfg: CognitoConfig, url: URL): Promise<string | undefined> {
  const code = url.searchParams.get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (!code || !verifier) return undefined;
  sessionStorage.removeItem(VERIFIER);
  const res = await fetch(`${cfg.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cfg.clientId, code, redirect_uri: cfg.redirectUri, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`Cognito refused the sign-in (${res.status})`);
  history.replaceState(null, '', url.pathname);
  return ((await res.json()) as { id_token: string }).id_token;
}

export function signOutUrl(cfg: CognitoConfig): string {
  return `${cfg.domain}/logout?${new URLSearchParams({ client_id: cfg.clientId, logout_uri: cfg.redirectUri })}`;
}
